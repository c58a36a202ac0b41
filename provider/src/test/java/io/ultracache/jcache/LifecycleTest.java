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
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
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
    void cacheNamesWithPathsOrOddCharactersStayInsideTheSegmentDirectory() throws IOException {
        Path directory = caches.directory();
        Path parent = directory.getParent();
        List<Path> aroundBefore;
        try (var files = Files.list(parent)) {
            aroundBefore = files.sorted().collect(Collectors.toList());
        }
        List<String> names = List.of("../escape", "../../../../tmp/escape", "a/b/c", "/absolute", "..", ".",
                "back\\slash", "nul\u0000char", "new\nline", "caf\u00e9 \u2603 \ud83d\ude00", "x".repeat(500), "a.b", "a_b");
        CacheManager manager = first();
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> manager.createCache("", new MutableConfiguration<>()));
        assertTrue(empty.getMessage().contains("must not be empty"), empty.getMessage());
        for (int i = 0; i < names.size(); i++) {
            Cache<Object, Object> cache = manager.createCache(names.get(i), new MutableConfiguration<>());
            cache.put("which", i);
        }
        for (int i = 0; i < names.size(); i++) {
            assertEquals(i, manager.getCache(names.get(i)).get("which"), "each name has a cache of its own: " + names.get(i));
        }
        try (var files = Files.list(parent)) {
            assertEquals(aroundBefore, files.sorted().collect(Collectors.toList()),
                    "nothing was created beside the segment directory");
        }
        try (var files = Files.walk(directory)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                if (!file.equals(directory)) {
                    assertEquals(directory, file.getParent(), "directly in the segment directory: " + file);
                    assertTrue(Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS), file.toString());
                    assertTrue(file.getFileName().toString().matches("uc-[A-Za-z0-9_.-]+"), file.toString());
                }
            }
        }
    }

    @Test
    void getCacheAttachesToACacheAnotherHandleCreatedWithItsStoredConfiguration() {
        Cache<String, Long> created = first().createCache("found", new UltraCacheConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setSerializer("jdk"));
        created.put("a", 1L);
        CacheManager other = second();
        assertEquals(List.of("found"), names(other), "listed by the other manager before it opens it: discovered in the store");
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

    /** Two names for one byte format share a cache: the engine compares formats, not names. */
    @Test
    void serializerNamesOfTheSameFormatShareACache() {
        Cache<String, Long> standard = first().createCache("formats", new UltraCacheConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setSerializer("standard"));
        standard.put("a", 1L);
        Cache<String, Long> jdk = second().createCache("formats", new UltraCacheConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setSerializer("jdk"));
        assertEquals(1L, jdk.get("a"));
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
