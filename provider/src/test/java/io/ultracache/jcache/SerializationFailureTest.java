package io.ultracache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key or value that cannot be serialized is refused with a CacheException that names its class,
 * and the cache (and its writer) are left exactly as they were.
 */
class SerializationFailureTest {
    /** Not Serializable: JDK serialization cannot write it. */
    static final class Opaque {
        final String text;

        Opaque(String text) {
            this.text = text;
        }
    }

    private TestCaches caches;
    private CacheManager manager;
    private Cache<Object, Object> cache;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("serial");
        manager = caches.newManager();
        cache = manager.createCache("c", new MutableConfiguration<>());
        cache.put("k", "before");
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    private static void assertNamesTheClass(CacheException e) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append(" | ");
        }
        assertTrue(e.getMessage().contains(Opaque.class.getName()), "message names the class: " + messages);
    }

    @Test
    void putOfAValueThatCannotBeSerializedLeavesTheCacheUnchanged() {
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.put("k", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.put("new", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.getAndPut("k", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.putIfAbsent("new", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.replace("k", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.replace("k", "before", new Opaque("x"))));
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.getAndReplace("k", new Opaque("x"))));
        assertEquals("before", cache.get("k"));
        assertFalse(cache.containsKey("new"));
    }

    @Test
    void aKeyThatCannotBeSerializedIsRefused() {
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.put(new Opaque("key"), "v")));
        assertEquals(1, count());
    }

    @Test
    void putAllWritesNothingIfOneValueCannotBeSerialized() {
        Map<Object, Object> batch = new LinkedHashMap<>();
        batch.put("a", "fine");
        batch.put("b", new Opaque("bad"));
        batch.put("k", "would replace");
        assertNamesTheClass(assertThrows(CacheException.class, () -> cache.putAll(batch)));
        assertFalse(cache.containsKey("a"));
        assertEquals("before", cache.get("k"));
        assertEquals(1, count());
    }

    @Test
    void anEntryProcessorSettingAValueThatCannotBeSerializedChangesNothing() {
        CacheException e = assertThrows(CacheException.class, () -> cache.invoke("k", (entry, args) -> {
            entry.setValue(new Opaque("x"));
            return null;
        }));
        assertNamesTheClass(e);
        assertEquals("before", cache.get("k"));
    }

    @Test
    void theWriterNeverSeesAValueTheCacheCannotHold() {
        RecordingWriter.WRITTEN.clear();
        Cache<Object, Object> writeThrough = manager.createCache("wt", new MutableConfiguration<>()
                .setWriteThrough(true).setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class)));
        writeThrough.put("ok", "fine");
        assertNamesTheClass(assertThrows(CacheException.class, () -> writeThrough.put("bad", new Opaque("x"))));
        Map<Object, Object> batch = new LinkedHashMap<>();
        batch.put("a", "fine");
        batch.put("b", new Opaque("bad"));
        assertNamesTheClass(assertThrows(CacheException.class, () -> writeThrough.putAll(batch)));
        assertNamesTheClass(assertThrows(CacheException.class, () -> writeThrough.invoke("ok", (entry, args) -> {
            entry.setValue(new Opaque("x"));
            return null;
        })));
        assertEquals(List.of("ok"), RecordingWriter.WRITTEN);
        assertEquals("fine", writeThrough.get("ok"));
        assertNull(writeThrough.get("a"));
    }

    private int count() {
        int n = 0;
        for (Cache.Entry<Object, Object> ignored : cache) {
            n++;
        }
        return n;
    }

    public static final class RecordingWriter implements CacheWriter<Object, Object> {
        static final List<Object> WRITTEN = new CopyOnWriteArrayList<>();

        @Override
        public void write(Cache.Entry<?, ?> entry) {
            WRITTEN.add(entry.getKey());
        }

        @Override
        public void writeAll(java.util.Collection<Cache.Entry<?, ?>> entries) {
            for (java.util.Iterator<Cache.Entry<?, ?>> it = entries.iterator(); it.hasNext(); ) {
                write(it.next());
                it.remove();
            }
        }

        @Override
        public void delete(Object key) {
        }

        @Override
        public void deleteAll(java.util.Collection<?> keys) {
            keys.clear();
        }
    }
}
