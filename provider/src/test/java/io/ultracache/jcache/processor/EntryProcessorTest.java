package io.ultracache.jcache.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.integration.CacheLoader;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;
import javax.cache.processor.MutableEntry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entry processors run in the calling process under the cache's lock; never serialized; all or nothing. */
class EntryProcessorTest {
    private TestCaches caches;
    private CacheManager manager;
    private Cache<String, Long> cache;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("processor");
        manager = caches.newManager();
        cache = manager.createCache("counters", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    private static final EntryProcessor<String, Long, Long> INCREMENT = (entry, args) -> {
        long next = (entry.exists() ? entry.getValue() : 0L) + 1;
        entry.setValue(next);
        return next;
    };

    @Test
    void incrementsFromManyThreadsAreAtomic() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < 5_000; i++) {
                        cache.invoke("n", INCREMENT);
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(20_000L, cache.get("n"));
    }

    /** Like Spring's JCacheCache.get(key, valueLoader): a lambda processor (not Serializable) and a lambda argument. */
    @Test
    void processorsAndArgumentsAreNeverSerialized() {
        Object notSerializable = new Object();
        Callable<Long> valueLoader = () -> 42L;
        EntryProcessor<String, Long, Long> getOrLoad = (entry, args) -> {
            assertSame(notSerializable, args[1], "arguments are passed as they are");
            if (entry.exists()) {
                return entry.getValue();
            }
            try {
                @SuppressWarnings("unchecked")
                Long loaded = ((Callable<Long>) args[0]).call();
                entry.setValue(loaded);
                return loaded;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        assertEquals(42L, cache.invoke("answer", getOrLoad, valueLoader, notSerializable));
        assertEquals(42L, cache.get("answer"));
        assertEquals(42L, cache.invoke("answer", getOrLoad, (Callable<Long>) () -> 0L, notSerializable));
    }

    @Test
    void aFailingProcessorCommitsNothingAndItsExceptionIsTheCause() {
        cache.put("n", 1L);
        IllegalArgumentException original = new IllegalArgumentException("bad input");
        EntryProcessorException e = assertThrows(EntryProcessorException.class, () -> cache.invoke("n", (entry, args) -> {
            entry.setValue(99L);
            entry.remove();
            entry.setValue(100L);
            throw original;
        }));
        assertSame(original, e.getCause());
        assertEquals(1L, cache.get("n"));
        assertThrows(EntryProcessorException.class, () -> cache.invoke("new", (entry, args) -> {
            entry.setValue(5L);
            throw new IllegalStateException("after setting");
        }));
        assertFalse(cache.containsKey("new"));
    }

    @Test
    void entryViewFollowsWhatTheProcessorDid() {
        cache.put("k", 7L);
        List<String> seen = cache.invoke("k", (MutableEntry<String, Long> entry, Object... args) -> {
            List<String> log = new ArrayList<>();
            log.add(entry.getKey() + " " + entry.exists() + " " + entry.getValue());
            entry.remove();
            log.add(entry.exists() + " " + entry.getValue());
            entry.setValue(8L);
            log.add(entry.exists() + " " + entry.getValue());
            return log;
        });
        assertEquals(List.of("k true 7", "false null", "true 8"), seen);
        assertEquals(8L, cache.get("k"));

        assertNull(cache.invoke("gone", (entry, args) -> {
            entry.setValue(1L);
            entry.remove();
            return null;
        }));
        assertFalse(cache.containsKey("gone"), "created then removed: nothing");
        cache.invoke("k", (entry, args) -> {
            entry.remove();
            return null;
        });
        assertFalse(cache.containsKey("k"));
        EntryProcessorException unwrap = assertThrows(EntryProcessorException.class,
                () -> cache.invoke("k", (entry, args) -> entry.unwrap(String.class)));
        assertTrue(unwrap.getCause() instanceof IllegalArgumentException, String.valueOf(unwrap.getCause()));
    }

    @Test
    void onlyTheNetEffectReachesTheWriter() {
        RecordingWriter.LOG.clear();
        Cache<String, Long> writing = manager.createCache("writing", new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setWriteThrough(true)
                .setCacheWriterFactory(FactoryBuilder.factoryOf(RecordingWriter.class)));
        writing.invoke("new", (entry, args) -> {
            entry.setValue(1L);
            entry.remove();
            return null;
        });
        assertEquals(List.of(), RecordingWriter.LOG, "created then removed: neither written nor deleted");
        writing.invoke("absent", (entry, args) -> {
            entry.remove();
            return null;
        });
        assertEquals(List.of("delete absent"), RecordingWriter.LOG, "a remove is deleted through even if absent");
        writing.put("k", 1L);
        writing.invoke("k", (entry, args) -> {
            entry.remove();
            entry.setValue(2L);
            return null;
        });
        assertEquals(List.of("delete absent", "write k=1", "write k=2"), RecordingWriter.LOG);
        assertEquals(2L, writing.get("k"));
    }

    public static final class RecordingWriter implements javax.cache.integration.CacheWriter<String, Long> {
        static final List<String> LOG = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        public void write(Cache.Entry<? extends String, ? extends Long> entry) {
            LOG.add("write " + entry.getKey() + "=" + entry.getValue());
        }

        @Override
        public void writeAll(java.util.Collection<Cache.Entry<? extends String, ? extends Long>> entries) {
            entries.forEach(this::write);
            entries.clear();
        }

        @Override
        public void delete(Object key) {
            LOG.add("delete " + key);
        }

        @Override
        public void deleteAll(java.util.Collection<?> keys) {
            keys.forEach(this::delete);
            keys.clear();
        }
    }

    @Test
    void readThroughLoadsForAProcessor() {
        Cache<String, Long> loading = manager.createCache("loading", new MutableConfiguration<String, Long>()
                .setTypes(String.class, Long.class).setReadThrough(true)
                .setCacheLoaderFactory(FactoryBuilder.factoryOf(LengthLoader.class)));
        EntryProcessor<String, Long, Long> read = (entry, args) -> entry.getValue();
        EntryProcessor<String, Long, Boolean> exists = (entry, args) -> entry.exists();
        assertEquals(5L, loading.invoke("hello", read));
        assertEquals(5L, loading.get("hello"), "the loaded value is stored");
        assertFalse(loading.invoke("absent", exists), "exists() does not load");
        assertFalse(loading.containsKey("absent"));
    }

    @Test
    void invokeAllReportsResultsAndFailuresPerKey() {
        cache.put("a", 1L);
        cache.put("b", 2L);
        Map<String, EntryProcessorResult<Long>> results = cache.invokeAll(new LinkedHashSet<>(List.of("a", "b", "c", "z")),
                (entry, args) -> {
                    if (entry.getKey().equals("b")) {
                        throw new IllegalStateException("b is special");
                    }
                    if (entry.getKey().equals("z")) {
                        return null;
                    }
                    long next = (entry.exists() ? entry.getValue() : 0L) + 10;
                    entry.setValue(next);
                    return next;
                });
        assertEquals(List.of("a", "b", "c"), List.copyOf(results.keySet()), "no entry for a null result");
        assertEquals(11L, results.get("a").get());
        assertEquals(10L, results.get("c").get());
        EntryProcessorException e = assertThrows(EntryProcessorException.class, () -> results.get("b").get());
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals(2L, cache.get("b"), "the failing key is unchanged");
        assertEquals(11L, cache.get("a"));
    }

    public static final class LengthLoader implements CacheLoader<String, Long> {
        @Override
        public Long load(String key) {
            return (long) key.length();
        }

        @Override
        public Map<String, Long> loadAll(Iterable<? extends String> keys) {
            Map<String, Long> all = new java.util.HashMap<>();
            keys.forEach(k -> all.put(k, load(k)));
            return all;
        }
    }
}
