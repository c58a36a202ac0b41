package io.ultracache.jcache.management;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The CacheMXBean and CacheStatisticsMXBean on the platform MBean server, and what the statistics count. */
class ManagementTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private TestCaches caches;
    private CacheManager manager;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("management");
        manager = caches.newManager();
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    private ObjectName name(String type, Cache<?, ?> cache) throws Exception {
        return new ObjectName("javax.cache:type=" + type + ",CacheManager="
                + manager.getURI().toString().replaceAll(":|=|\n|,", ".") + ",Cache="
                + cache.getName().replaceAll(":|=|\n|,", "."));
    }

    private Object attribute(Cache<?, ?> cache, String attribute) throws Exception {
        return server.getAttribute(name("CacheStatistics", cache), attribute);
    }

    @Test
    void beansComeAndGoWithTheSettingsAndTheCache() throws Exception {
        Cache<String, String> cache = manager.createCache("odd, name: a=b", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).setManagementEnabled(true));
        assertTrue(server.isRegistered(name("CacheConfiguration", cache)));
        assertFalse(server.isRegistered(name("CacheStatistics", cache)));
        assertEquals("java.lang.String", server.getAttribute(name("CacheConfiguration", cache), "KeyType"));
        assertEquals(true, server.getAttribute(name("CacheConfiguration", cache), "StoreByValue"));
        assertEquals(false, server.getAttribute(name("CacheConfiguration", cache), "StatisticsEnabled"));

        manager.enableStatistics(cache.getName(), true);
        assertTrue(server.isRegistered(name("CacheStatistics", cache)));
        assertEquals(true, server.getAttribute(name("CacheConfiguration", cache), "StatisticsEnabled"));
        manager.enableManagement(cache.getName(), false);
        assertFalse(server.isRegistered(name("CacheConfiguration", cache)));

        ObjectName statistics = name("CacheStatistics", cache);
        manager.destroyCache(cache.getName());
        assertFalse(server.isRegistered(statistics), "destroying unregisters");

        Cache<String, String> closed = manager.createCache("closed", new MutableConfiguration<String, String>()
                .setStatisticsEnabled(true).setManagementEnabled(true));
        ObjectName both = name("CacheStatistics", closed);
        closed.close();
        assertFalse(server.isRegistered(both), "closing unregisters");
        Set<ObjectName> left = server.queryNames(new ObjectName("javax.cache:CacheManager="
                + manager.getURI().toString().replaceAll(":|=|\n|,", ".") + ",*"), null);
        assertEquals(Set.of(), left);
    }

    @Test
    void statisticsCountThisProcesssOperations() throws Exception {
        Cache<String, String> cache = manager.createCache("stats", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).setStatisticsEnabled(true));
        assertEquals(0f, attribute(cache, "CacheHitPercentage"), "0, not NaN, before anything was counted");
        assertEquals(0f, attribute(cache, "AverageGetTime"));
        cache.get("a");                         // miss
        cache.put("a", "1");                    // put
        cache.get("a");                         // hit
        cache.containsKey("a");                 // nothing
        cache.putAll(Map.of("b", "2", "c", "3")); // 2 puts
        cache.putIfAbsent("a", "x");            // hit
        cache.replace("zz", "x");               // miss
        cache.remove("zz");                     // nothing: nothing removed
        cache.remove("b");                      // removal
        assertEquals(2L, attribute(cache, "CacheHits"));
        assertEquals(2L, attribute(cache, "CacheMisses"));
        cache.invoke("c", (e, args) -> e.getValue()); // hit
        assertEquals(3L, attribute(cache, "CacheHits"));
        cache.invoke("d", (e, args) -> null);   // miss
        assertEquals(3L, attribute(cache, "CacheMisses"));
        cache.getAndRemove("c");                // hit + removal
        assertEquals(4L, attribute(cache, "CacheHits"));
        assertEquals(3L, attribute(cache, "CacheMisses"));
        assertEquals(7L, attribute(cache, "CacheGets"));
        assertEquals(3L, attribute(cache, "CachePuts"));
        assertEquals(2L, attribute(cache, "CacheRemovals"));
        assertEquals(0L, attribute(cache, "CacheEvictions"));
        assertEquals(400f / 7, (float) attribute(cache, "CacheHitPercentage"), 0.01f);
        assertTrue((float) attribute(cache, "AveragePutTime") > 0f);

        // another handle's operations are not this process's statistics
        Cache<String, String> other = caches.manager(manager.getURI(), TestCaches.otherLoader(), new java.util.Properties())
                .getCache("stats", String.class, String.class);
        other.get("a");
        other.put("e", "5");
        assertEquals(4L, attribute(cache, "CacheHits"));
        assertEquals(3L, attribute(cache, "CachePuts"));

        server.invoke(name("CacheStatistics", cache), "clear", null, null);
        assertEquals(0L, attribute(cache, "CacheGets"));
        assertEquals(0f, attribute(cache, "AveragePutTime"));
    }
}
