package io.ultracache.jcache.spi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import io.ultracache.jcache.configuration.UltraCacheConfiguration;
import java.io.IOException;
import java.io.Writer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.OptionalFeature;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.spi.CachingProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Finding the provider, managers per URI and class loader, and configuring a manager by URI and properties. */
class UltraCachingProviderTest {
    private TestCaches caches;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("provider");
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    @Test
    void cachingFindsTheProviderThroughServiceLoader() {
        assertInstanceOf(UltraCachingProvider.class, Caching.getCachingProvider());
        assertSame(Caching.getCachingProvider(), TestCaches.provider());
    }

    @Test
    void defaultManagerHasTheDefaultUriAndIsReused() {
        CachingProvider provider = TestCaches.provider();
        CacheManager manager = provider.getCacheManager();
        assertEquals(URI.create("ultracache:default"), manager.getURI());
        assertEquals(provider.getDefaultURI(), manager.getURI());
        assertSame(manager, provider.getCacheManager(null, null));
        assertSame(provider.getDefaultClassLoader(), manager.getClassLoader());
    }

    @Test
    void oneManagerPerUriAndClassLoaderAndANewOneAfterClose() {
        CachingProvider provider = TestCaches.provider();
        URI uri = caches.newUri();
        CacheManager first = caches.manager(uri, null, new Properties());
        assertSame(first, provider.getCacheManager(uri, provider.getDefaultClassLoader()));
        assertNotSame(first, caches.manager(caches.newUri(), null, new Properties()), "another URI, another manager");
        assertNotSame(first, caches.manager(uri, TestCaches.otherLoader(), new Properties()), "another loader, another manager");

        first.close();
        assertTrue(first.isClosed());
        CacheManager second = caches.manager(uri, null, new Properties());
        assertNotSame(first, second);
        assertFalse(second.isClosed());
        assertNotNull(second.createCache("works", new UltraCacheConfiguration<>()));
    }

    @Test
    void providerCloseClosesItsManagers() {
        URI uri = caches.newUri();
        ClassLoader loader = TestCaches.otherLoader();
        CacheManager manager = caches.manager(uri, loader, new Properties());
        Cache<Object, Object> cache = manager.createCache("c", new UltraCacheConfiguration<>());
        TestCaches.provider().close(loader);
        assertTrue(manager.isClosed());
        assertTrue(cache.isClosed());
    }

    @Test
    void managerKeepsItsProperties() {
        Properties extra = new Properties();
        extra.setProperty("some.framework.setting", "42");
        CacheManager manager = caches.manager(caches.newUri(), null, extra);
        assertEquals("42", manager.getProperties().getProperty("some.framework.setting"));
        assertEquals(caches.directory().toString(), manager.getProperties().getProperty("ultracache.directory"));
    }

    @Test
    void storeByReferenceIsNotSupported() {
        assertFalse(TestCaches.provider().isSupported(OptionalFeature.STORE_BY_REFERENCE));
    }

    @Test
    void classpathUriListsCachesCreatedOnFirstGetCache() {
        CacheManager manager = caches.manager(URI.create("classpath:ultracache-test-listed.properties"),
                TestCaches.otherLoader(), new Properties());
        List<String> names = new ArrayList<>();
        manager.getCacheNames().forEach(names::add);
        assertEquals(List.of("plain", "org.example.Dotted.Region", "typed"), names);

        Cache<String, Long> typed = manager.getCache("typed", String.class, Long.class);
        assertNotNull(typed);
        typed.put("a", 1L);
        assertEquals(1L, typed.get("a"));
        assertThrows(ClassCastException.class, () -> manager.getCache("typed", Object.class, Object.class));
        @SuppressWarnings("unchecked")
        UltraCacheConfiguration<String, Long> config = typed.getConfiguration(UltraCacheConfiguration.class);
        assertTrue(config.isStatisticsEnabled());
        assertEquals(Duration.ofSeconds(3), config.getLockTimeout(), "manager-wide setting");
        ExpiryPolicy expiry = config.getExpiryPolicyFactory().create();
        assertInstanceOf(CreatedExpiryPolicy.class, expiry);
        assertEquals(TimeUnit.HOURS.toMillis(1), expiry.getExpiryForCreation().getTimeUnit()
                .toMillis(expiry.getExpiryForCreation().getDurationAmount()));

        Cache<Object, Object> dotted = manager.getCache("org.example.Dotted.Region");
        @SuppressWarnings("unchecked")
        UltraCacheConfiguration<Object, Object> dottedConfig = dotted.getConfiguration(UltraCacheConfiguration.class);
        assertEquals(64 * 1024L, dottedConfig.getStreamMinBytes());
        assertEquals(Duration.ofSeconds(2), dottedConfig.getLockTimeout(), "per-cache setting wins");

        Cache<Object, Object> plain = manager.getCache("plain");
        assertEquals(Object.class, plain.getConfiguration(UltraCacheConfiguration.class).getKeyType());
        assertNull(manager.getCache("notListed"));
    }

    @Test
    void fileUriNamesAPropertiesFile() throws IOException {
        Path file = caches.directory().resolve("manager.properties");
        try (Writer w = Files.newBufferedWriter(file)) {
            w.write("ultracache.directory=" + caches.directory() + "\n");
            w.write("ultracache.cache.regions.valueType=java.lang.String\n");
        }
        CachingProvider provider = TestCaches.provider();
        CacheManager manager = provider.getCacheManager(file.toUri(), TestCaches.otherLoader());
        try {
            Cache<Object, String> regions = manager.getCache("regions", Object.class, String.class);
            regions.put(1, "one");
            assertEquals("one", regions.get(1));
        } finally {
            manager.close();
        }
    }

    @Test
    void missingPropertiesFileIsAClearError() {
        CachingProvider provider = TestCaches.provider();
        CacheException e = assertThrows(CacheException.class,
                () -> provider.getCacheManager(URI.create("classpath:no/such/ultracache.properties"), null));
        assertTrue(e.getMessage().contains("no/such/ultracache.properties"), e.getMessage());
    }

    @Test
    void unknownOrBadPropertiesAreClearErrors() {
        Properties misspelt = new Properties();
        misspelt.setProperty("ultracache.lockTimeOut", "5s");
        CacheException unknown = assertThrows(CacheException.class,
                () -> caches.manager(caches.newUri(), null, misspelt));
        assertTrue(unknown.getMessage().contains("ultracache.lockTimeOut"), unknown.getMessage());

        Properties bad = new Properties();
        bad.setProperty("ultracache.cache.c.streamMinBytes", "lots");
        CacheException badValue = assertThrows(CacheException.class, () -> caches.manager(caches.newUri(), null, bad));
        assertTrue(badValue.getMessage().contains("ultracache.cache.c.streamMinBytes"), badValue.getMessage());
        assertTrue(badValue.getMessage().contains("lots"), badValue.getMessage());

        Properties unloadable = new Properties();
        unloadable.setProperty("ultracache.cache.c.keyType", "com.example.NoSuchType");
        CacheException noClass = assertThrows(CacheException.class,
                () -> caches.manager(caches.newUri(), null, unloadable));
        assertTrue(noClass.getMessage().contains("com.example.NoSuchType"), noClass.getMessage());
    }
}
