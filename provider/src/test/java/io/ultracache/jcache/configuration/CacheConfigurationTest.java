package io.ultracache.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import io.ultracache.jcache.UltraCache;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import java.net.URI;
import java.time.Duration;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What a cache reports as its configuration, and what makes two processes' configurations clash. */
class CacheConfigurationTest {
    private TestCaches caches;
    private CacheManager manager;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("config");
        manager = caches.newManager();
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    @Test
    @SuppressWarnings("unchecked")
    void cacheReportsItsResolvedUltraCacheConfiguration() {
        Cache<String, String> cache = manager.createCache("c", new UltraCacheConfiguration<String, String>()
                .setTypes(String.class, String.class).setLockTimeout(Duration.ofSeconds(4)).setStreamMinBytes(8192L));
        UltraCacheConfiguration<String, String> config = cache.getConfiguration(UltraCacheConfiguration.class);
        assertEquals(String.class, config.getKeyType());
        assertEquals(Duration.ofSeconds(4), config.getLockTimeout());
        assertEquals(8192L, config.getStreamMinBytes());
        assertEquals(caches.directory().toString(), config.getDirectory());
        assertEquals("standard", config.getSerializer());
        assertEquals(StoreConfig.DEFAULT_HOT_VALUES, config.getHotValues());
        assertTrue(config.getUnlinkOnLastClose());

        StoreConfig store = cache.unwrap(SharedStore.class).config();
        assertEquals(Duration.ofSeconds(4), store.lockTimeout());
        assertEquals(8192L, store.streamMinBytes());
        assertEquals(caches.directory(), store.directory());
        assertSame(cache, cache.unwrap(UltraCache.class));
        assertEquals(config, cache.unwrap(UltraCacheConfiguration.class));
        assertThrows(IllegalArgumentException.class, () -> cache.unwrap(String.class));
    }

    @Test
    void plainConfigurationIsResolvedToo() {
        MutableConfiguration<Object, Object> plain = new MutableConfiguration<>();
        Cache<Object, Object> cache = manager.createCache("plain", plain);
        CompleteConfiguration<?, ?> complete = cache.getConfiguration(CompleteConfiguration.class);
        assertEquals(Object.class, complete.getKeyType());
        assertTrue(complete.isStoreByValue());
        assertNotNull(cache.getConfiguration(UltraCacheConfiguration.class).getDirectory());
    }

    @Test
    @SuppressWarnings("unchecked")
    void configurationIsACopy() {
        MutableConfiguration<String, String> requested = new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class);
        Cache<String, String> cache = manager.createCache("copy", requested);
        requested.setStatisticsEnabled(true);
        MutableConfiguration<String, String> reported = cache.getConfiguration(MutableConfiguration.class);
        assertFalse(reported.isStatisticsEnabled(), "changing what was given does not change the cache");
        reported.setReadThrough(true);
        assertFalse(cache.getConfiguration(Configuration.class) instanceof MutableConfiguration
                && ((MutableConfiguration<String, String>) cache.getConfiguration(MutableConfiguration.class)).isReadThrough(),
                "changing what was returned does not change the cache");
    }

    @Test
    void storeByReferenceIsRefusedAndNothingIsCreated() {
        MutableConfiguration<Object, Object> byReference = new MutableConfiguration<>().setStoreByValue(false);
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> manager.createCache("byRef", byReference));
        assertTrue(e.getMessage().contains("store-by-value"), e.getMessage());
        assertNull(manager.getCache("byRef"));
        assertFalse(manager.getCacheNames().iterator().hasNext());
    }

    @Test
    void aProcessWithOtherTypesIsRefused() {
        URI uri = caches.newUri();
        CacheManager first = caches.manager(uri, null, new Properties());
        Cache<String, Long> cache = first.createCache("shared", new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class));
        cache.put("kept", 1L);
        CacheManager second = caches.manager(uri, TestCaches.otherLoader(), new Properties());
        CacheException e = assertThrows(CacheException.class, () -> second.createCache("shared",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class)));
        assertTrue(e.getMessage().contains("jcache.valueType"), e.getMessage());
        assertTrue(e.getMessage().contains("java.lang.String") && e.getMessage().contains("java.lang.Long"),
                "both sides are named: " + e.getMessage());
        assertEquals(1L, cache.get("kept"), "the existing cache is untouched");
        // asking instead of creating attaches with the stored types
        assertThrows(ClassCastException.class, () -> second.getCache("shared", String.class, String.class));
        assertEquals(1L, second.getCache("shared", String.class, Long.class).get("kept"));
    }

    @Test
    void aProcessWithAnotherSerializerIsRefused() {
        URI uri = caches.newUri();
        CacheManager first = caches.manager(uri, null, new Properties());
        // "jdk" is the same byte format as the default; Fory's is not
        first.createCache("s", new UltraCacheConfiguration<>().setSerializer("fory"));
        CacheManager second = caches.manager(uri, TestCaches.otherLoader(), new Properties());
        CacheException e = assertThrows(CacheException.class, () -> second.createCache("s", new MutableConfiguration<>()));
        assertTrue(e.getMessage().contains("serializer"), e.getMessage());
        assertTrue(e.getMessage().contains("fory") && e.getMessage().contains("standard/2+jdk/1"),
                "both sides are named: " + e.getMessage());
    }

    @Test
    void namespacePropertyLetsManagersWithDifferentUrisShareCaches() {
        Properties shared = new Properties();
        shared.setProperty("ultracache.namespace", "one-namespace");
        CacheManager a = caches.manager(caches.newUri(), null, shared);
        CacheManager b = caches.manager(caches.newUri(), null, shared);
        Cache<Object, Object> inA = a.createCache("n", new MutableConfiguration<>());
        inA.put("k", "v");
        assertEquals("v", b.getCache("n").get("k"));
    }
}
