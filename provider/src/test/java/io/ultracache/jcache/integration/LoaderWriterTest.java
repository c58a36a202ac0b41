package io.ultracache.jcache.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import java.io.Closeable;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Read-through with a CacheLoader, write-through with a CacheWriter, and what happens when they fail. */
class LoaderWriterTest {
    private TestCaches caches;
    private CacheManager manager;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("integration");
        manager = caches.newManager();
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    /** Loads "value-of-KEY" for every key except those starting with "none"; "fail" makes it throw. */
    static final class Loader implements CacheLoader<String, String>, Closeable {
        final List<String> loaded = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public String load(String key) {
            if (key.startsWith("fail")) {
                throw new IllegalStateException("the database is down");
            }
            loaded.add(key);
            return key.startsWith("none") ? null : "value-of-" + key;
        }

        @Override
        public Map<String, String> loadAll(Iterable<? extends String> keys) {
            Map<String, String> all = new HashMap<>();
            for (String key : keys) {
                all.put(key, load(key));
            }
            return all;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    /** Keeps what it was given; fails for keys starting with "fail", and stops a batch at the first such key. */
    static final class Writer implements CacheWriter<String, String>, Closeable {
        final Map<String, String> written = new ConcurrentHashMap<>();
        final List<String> deleted = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        @Override
        public void write(Cache.Entry<? extends String, ? extends String> entry) {
            if (entry.getKey().startsWith("fail")) {
                throw new IllegalStateException("cannot write " + entry.getKey());
            }
            written.put(entry.getKey(), entry.getValue());
        }

        @Override
        public void writeAll(Collection<Cache.Entry<? extends String, ? extends String>> entries) {
            for (Iterator<Cache.Entry<? extends String, ? extends String>> it = entries.iterator(); it.hasNext(); ) {
                write(it.next());
                it.remove();
            }
        }

        @Override
        public void delete(Object key) {
            if (key.toString().startsWith("fail")) {
                throw new IllegalStateException("cannot delete " + key);
            }
            deleted.add(key.toString());
        }

        @Override
        public void deleteAll(Collection<?> keys) {
            for (Iterator<?> it = keys.iterator(); it.hasNext(); ) {
                delete(it.next());
                it.remove();
            }
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private Cache<String, String> readThrough(Loader loader) {
        return manager.createCache("rt", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setReadThrough(true).setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader)));
    }

    private Cache<String, String> writeThrough(Writer writer) {
        return manager.createCache("wt", new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setWriteThrough(true).setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(writer)));
    }

    @Test
    void getLoadsAMissingValueOnceAndStoresIt() {
        Loader loader = new Loader();
        Cache<String, String> cache = readThrough(loader);
        assertEquals("value-of-a", cache.get("a"));
        assertEquals("value-of-a", cache.get("a"));
        assertEquals(List.of("a"), loader.loaded);
        assertTrue(cache.containsKey("a"));
        assertNull(cache.get("none1"), "a loader without a value stores nothing");
        assertFalse(cache.containsKey("none1"));
        assertFalse(cache.containsKey("b"), "containsKey does not load");
        assertEquals(List.of("a", "none1"), loader.loaded);
    }

    @Test
    void getAllLoadsOnlyTheMissingKeys() {
        Loader loader = new Loader();
        Cache<String, String> cache = readThrough(loader);
        cache.put("present", "mine");
        Map<String, String> all = cache.getAll(new LinkedHashSet<>(List.of("present", "x", "none2")));
        assertEquals(Map.of("present", "mine", "x", "value-of-x"), all);
        assertEquals(Set.of("x", "none2"), Set.copyOf(loader.loaded));
    }

    @Test
    void loaderFailuresAreCacheLoaderExceptions() {
        Cache<String, String> cache = readThrough(new Loader());
        CacheLoaderException e = assertThrows(CacheLoaderException.class, () -> cache.get("fail1"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertFalse(cache.containsKey("fail1"));
    }

    @Test
    void loadAllRunsInTheBackgroundAndReportsCompletionOrFailure() throws Exception {
        Loader loader = new Loader();
        Cache<String, String> cache = readThrough(loader);
        cache.put("kept", "mine");
        Future done = new Future();
        cache.loadAll(Set.of("kept", "new"), false, done);
        done.get(10, TimeUnit.SECONDS);
        assertEquals("mine", cache.get("kept"), "existing values are kept unless replaceExistingValues");
        assertEquals("value-of-new", cache.get("new"));
        assertEquals(List.of("new"), loader.loaded);

        Future replaced = new Future();
        cache.loadAll(Set.of("kept"), true, replaced);
        replaced.get(10, TimeUnit.SECONDS);
        assertEquals("value-of-kept", cache.get("kept"));

        Future failed = new Future();
        cache.loadAll(Set.of("fail2"), false, failed);
        ExecutionException e = assertThrows(ExecutionException.class, () -> failed.get(10, TimeUnit.SECONDS));
        assertInstanceOf(CacheLoaderException.class, e.getCause());
    }

    @Test
    void loadAllWorksWithoutReadThroughAndWithoutALoader() throws Exception {
        Loader loader = new Loader();
        Cache<String, String> notReadThrough = manager.createCache("nrt", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader)));
        assertNull(notReadThrough.get("a"), "no read-through on get");
        Future done = new Future();
        notReadThrough.loadAll(Set.of("a"), false, done);
        done.get(10, TimeUnit.SECONDS);
        assertEquals("value-of-a", notReadThrough.get("a"));

        Cache<String, String> noLoader = manager.createCache("none", new MutableConfiguration<String, String>());
        Future immediate = new Future();
        noLoader.loadAll(Set.of("a"), false, immediate);
        immediate.get(10, TimeUnit.SECONDS);
        assertFalse(noLoader.containsKey("a"));
    }

    @Test
    void writesAndRemovalsGoThroughTheWriterFirst() {
        Writer writer = new Writer();
        Cache<String, String> cache = writeThrough(writer);
        cache.put("a", "1");
        cache.putAll(new LinkedHashMap<>(Map.of("b", "2", "c", "3")));
        cache.replace("a", "10");
        assertTrue(cache.putIfAbsent("d", "4"));
        assertFalse(cache.putIfAbsent("d", "5"));
        cache.invoke("e", (entry, args) -> {
            entry.setValue("5");
            return null;
        });
        assertEquals(Map.of("a", "10", "b", "2", "c", "3", "d", "4", "e", "5"), writer.written);
        cache.remove("a");
        cache.remove("never-there");
        cache.removeAll(Set.of("b"));
        cache.getAndRemove("c");
        assertEquals(Set.of("a", "never-there", "b", "c"), Set.copyOf(writer.deleted));
        cache.removeAll();
        assertEquals(Set.of("a", "never-there", "b", "c", "d", "e"), Set.copyOf(writer.deleted));
        cache.clear(); // clear is not written through
        assertEquals(6, writer.deleted.size());
    }

    @Test
    void aFailedWriteLeavesTheCacheUnchanged() {
        Writer writer = new Writer();
        Cache<String, String> cache = writeThrough(writer);
        CacheWriterException e = assertThrows(CacheWriterException.class, () -> cache.put("fail-a", "1"));
        assertInstanceOf(IllegalStateException.class, e.getCause());
        assertFalse(cache.containsKey("fail-a"));

        cache.put("ok", "1");
        writer.written.clear();
        Map<String, String> batch = new LinkedHashMap<>();
        batch.put("first", "1");
        batch.put("fail-b", "2");
        batch.put("third", "3");
        assertThrows(CacheWriterException.class, () -> cache.putAll(batch));
        assertEquals(Map.of("first", "1"), writer.written, "the writer stopped at the failing entry");
        assertEquals("1", cache.get("first"), "what was written is stored");
        assertFalse(cache.containsKey("fail-b"));
        assertFalse(cache.containsKey("third"), "what was not written is not stored");
    }

    @Test
    void aFailedDeleteLeavesTheEntry() {
        Writer writer = new Writer();
        Cache<String, String> cache = writeThrough(writer);
        cache.put("fine", "1");
        cache.put("x", "2");
        cache.unwrap(io.ultracache.store.SharedStore.class).put("fail-c", "3", io.ultracache.store.StoreEntry.ETERNAL);
        assertThrows(CacheWriterException.class, () -> cache.remove("fail-c"));
        assertEquals("3", cache.get("fail-c"));
        assertThrows(CacheWriterException.class, () -> cache.removeAll(new LinkedHashSet<>(List.of("fine", "fail-c", "x"))));
        assertFalse(cache.containsKey("fine"), "deleted before the failure: removed");
        assertTrue(cache.containsKey("fail-c"));
        assertTrue(cache.containsKey("x"), "not deleted: kept");
    }

    @Test
    void closingTheCacheClosesLoaderAndWriter() {
        Loader loader = new Loader();
        Writer writer = new Writer();
        Cache<String, String> cache = manager.createCache("both", new MutableConfiguration<String, String>()
                .setReadThrough(true).setCacheLoaderFactory(new FactoryBuilder.SingletonFactory<>(loader))
                .setWriteThrough(true).setCacheWriterFactory(new FactoryBuilder.SingletonFactory<>(writer)));
        cache.put("a", "1");
        assertEquals("value-of-b", cache.get("b"));
        assertFalse(writer.written.containsKey("b"), "loaded values are not written through");
        cache.close();
        assertTrue(loader.closed.get());
        assertTrue(writer.closed.get());
    }

    /** A CompletionListener as a future. */
    static final class Future extends CompletableFuture<Void> implements CompletionListener {
        @Override
        public void onCompletion() {
            complete(null);
        }

        @Override
        public void onException(Exception e) {
            completeExceptionally(e);
        }
    }
}
