package io.ultracache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.configuration.UltraCacheConfiguration;
import io.ultracache.testing.TestDirectories;
import java.net.URI;
import java.util.List;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * How caches live and die across handles: attaching to a cache another handle created (discovery),
 * destroying it for everyone, unlinking on last close, and the lifecycle Hibernate drives.
 */
class LifecycleTest {
    private TestCaches caches;
    private URI uri;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("lifecycle");
        uri = caches.newUri();
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    private CacheManager first() {
        return caches.manager(uri, null, new Properties());
    }

    private CacheManager second() {
        return caches.manager(uri, TestCaches.otherLoader(), new Properties());
    }

    @Test
    void getCacheAttachesToACacheAnotherHandleCreatedWithItsStoredConfiguration() {
        Cache<String, Long> created = first().createCache("found", new UltraCacheConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setSerializer("jdk"));
        created.put("a", 1L);
        CacheManager other = second();
        assertFalse(other.getCacheNames().iterator().hasNext(), "not open in the other manager yet");
        Cache<String, Long> found = other.getCache("found", String.class, Long.class);
        assertNotNull(found);
        assertNotSame(created, found);
        @SuppressWarnings("unchecked")
        UltraCacheConfiguration<String, Long> config = found.getConfiguration(UltraCacheConfiguration.class);
        assertEquals(String.class, config.getKeyType());
        assertEquals(Long.class, config.getValueType());
        assertEquals("jdk", config.getSerializer());
        assertEquals(1L, found.get("a"));
        found.put("b", 2L);
        assertEquals(2L, created.get("b"));
        assertEquals(List.of("found"), names(other));
        assertNull(other.getCache("neverCreated"));
    }

    @Test
    void destroyCacheDestroysItForEveryHandle() {
        CacheManager a = first();
        Cache<String, String> inA = a.createCache("doomed", new MutableConfiguration<String, String>());
        inA.put("k", "v");
        CacheManager b = second();
        b.destroyCache("doomed"); // b never opened it: destroyCache finds it
        assertTrue(inA.isClosed(), "another handle's destroy closes this one");
        assertThrows(IllegalStateException.class, () -> inA.get("k"));
        assertEquals(List.of(), names(a));
        assertNull(a.getCache("doomed"));
        assertEquals(List.of(), TestDirectories.files(caches.directory()), "the segments are gone");
        Cache<String, String> again = a.createCache("doomed", new MutableConfiguration<String, String>());
        assertNull(again.get("k"), "a new cache of the same name starts empty");
    }

    @Test
    void theLastCloseRemovesTheSegmentsUnlessConfiguredToKeepThem() {
        Cache<String, String> inA = first().createCache("gone", new MutableConfiguration<String, String>());
        Cache<String, String> inB = second().getCache("gone");
        inA.put("k", "v");
        inA.close();
        assertEquals("v", inB.get("k"), "another handle keeps the cache alive");
        inB.close();
        assertEquals(List.of(), TestDirectories.files(caches.directory()));

        Cache<String, String> kept = first().createCache("kept",
                new UltraCacheConfiguration<String, String>().setUnlinkOnLastClose(false));
        kept.put("k", "v");
        kept.close();
        Cache<String, String> reopened = first().createCache("kept",
                new UltraCacheConfiguration<String, String>().setUnlinkOnLastClose(false));
        assertEquals("v", reopened.get("k"), "the entries outlived every handle");
        first().destroyCache("kept");
        assertEquals(List.of(), TestDirectories.files(caches.directory()));
    }

    /** What hibernate-jcache does: getCache, else createCache with a plain configuration; at the end close caches, then the manager. */
    @Test
    void hibernateLifecycle() {
        CacheManager manager = TestCaches.provider().getCacheManager(uri, null, caches.properties());
        Cache<Object, Object> region = manager.getCache("org.example.Entity");
        if (region == null) {
            region = manager.createCache("org.example.Entity", new MutableConfiguration<>());
        }
        region.put(List.of("key", 1), "entity state");
        region.close();
        manager.close();
        assertTrue(manager.isClosed());

        CacheManager reopened = TestCaches.provider().getCacheManager(uri, null, caches.properties());
        assertNotSame(manager, reopened);
        assertFalse(reopened.isClosed());
        assertNull(reopened.getCache("org.example.Entity"), "closed by its last handle: gone");
        Cache<Object, Object> again = reopened.createCache("org.example.Entity", new MutableConfiguration<>());
        again.put(List.of("key", 1), "entity state 2");
        assertEquals("entity state 2", again.get(List.of("key", 1)));
        reopened.close();
    }

    private static List<String> names(CacheManager manager) {
        List<String> names = new java.util.ArrayList<>();
        manager.getCacheNames().forEach(names::add);
        return names;
    }
}
