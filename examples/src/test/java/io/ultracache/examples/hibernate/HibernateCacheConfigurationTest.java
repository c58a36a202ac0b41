package io.ultracache.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.examples.testing.SegmentDirectories;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Configuring UltraCache for Hibernate through a properties file named by a {@code file:} URI, in
 * one JVM: the caches it lists are all Hibernate needs under {@code missing_cache_strategy=fail}; a
 * region it does not list is then refused; closing the SessionFactory closes the caches and the
 * manager, and the provider hands out an open manager for the same URI afterwards.
 */
class HibernateCacheConfigurationTest {
    private Path dir;
    private String cacheUri;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws IOException {
        dir = SegmentDirectories.create("hibernate-config");
        Path properties = Files.createTempFile("ultracache-hibernate-", ".properties");
        Files.writeString(properties, "ultracache.directory=" + dir + "\nultracache.caches=products\n");
        properties.toFile().deleteOnExit();
        cacheUri = properties.toUri().toString();
        jdbcUrl = "jdbc:h2:mem:config-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @AfterEach
    void tearDown() {
        SegmentDirectories.delete(dir);
    }

    @Test
    void theListedCachesAreAllHibernateNeedsAndClosingReleasesThem() {
        SessionFactory sessionFactory = HibernateSetup.build(jdbcUrl, "create-drop", cacheUri, "fail", Product.class);
        CacheManager manager = HibernateSetup.cacheManager(sessionFactory);
        Cache<Object, Object> products;
        try {
            assertEquals(URI.create(cacheUri), manager.getURI(), "Hibernate asked for the manager of the file's URI");
            products = manager.getCache("products");
            assertNotNull(products, "the cache the properties file lists");
            assertFalse(SegmentDirectories.files(dir).isEmpty(), "its segments are in the directory the file names");

            sessionFactory.inTransaction(s -> s.persist(new Product(7L, "cocoa", new BigDecimal("4.10"))));
            sessionFactory.getCache().evictAllRegions();
            Statistics statistics = sessionFactory.getStatistics();
            statistics.clear();
            assertEquals("cocoa", sessionFactory.fromTransaction(s -> s.find(Product.class, 7L)).getName());
            assertEquals(1, statistics.getSecondLevelCacheMissCount());
            assertEquals(1, statistics.getSecondLevelCachePutCount());
            assertTrue(products.iterator().hasNext(), "Hibernate's entry is in the UltraCache cache");
            statistics.clear();
            assertEquals(new BigDecimal("4.10"), sessionFactory.fromTransaction(s -> s.find(Product.class, 7L)).getPrice());
            assertEquals(1, statistics.getSecondLevelCacheHitCount());
            assertEquals(0, statistics.getPrepareStatementCount(), "read from the cache, not the database");
        } finally {
            sessionFactory.close();
        }

        assertTrue(products.isClosed(), "closing the SessionFactory closed the region's cache");
        assertTrue(manager.isClosed(), "and the cache manager");
        assertEquals(List.of(), SegmentDirectories.files(dir), "the only process using the caches closed them: segments removed");
        CacheManager again = Caching.getCachingProvider().getCacheManager(manager.getURI(), manager.getClassLoader());
        try {
            assertNotSame(manager, again);
            assertFalse(again.isClosed(), "the provider gives an open manager for the same URI");
            assertNotNull(again.getCache("products"), "with the caches its properties file lists");
        } finally {
            again.close();
        }
    }

    @Test
    void aRegionTheFileDoesNotListIsRefusedUnderTheFailStrategy() {
        Exception e = assertThrows(Exception.class,
                () -> HibernateSetup.build(jdbcUrl, "create-drop", cacheUri, "fail", Product.class, Customer.class).close());
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        assertTrue(messages.toString().contains("[customers]"), messages.toString());
        assertEquals(List.of(), SegmentDirectories.files(dir), "the failed start left no segment behind");
    }
}
