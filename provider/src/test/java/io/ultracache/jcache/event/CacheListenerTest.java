package io.ultracache.jcache.event;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import java.io.Closeable;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entry listeners of this process: synchronous and asynchronous, filters, old values, failures. */
class CacheListenerTest {
    private TestCaches caches;
    private CacheManager manager;
    private Cache<String, String> cache;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("events");
        manager = caches.newManager();
        cache = manager.createCache("c", new MutableConfiguration<String, String>().setTypes(String.class, String.class));
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    /** Records every event as "TYPE key value old". */
    public static final class Recorder implements CacheEntryCreatedListener<String, String>,
            CacheEntryUpdatedListener<String, String>, CacheEntryRemovedListener<String, String>,
            CacheEntryExpiredListener<String, String>, Closeable {
        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final AtomicBoolean closed = new AtomicBoolean();

        private void record(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            for (CacheEntryEvent<? extends String, ? extends String> e : batch) {
                events.add(e.getEventType() + " " + e.getKey() + " " + e.getValue()
                        + (e.isOldValueAvailable() ? " " + e.getOldValue() : ""));
                threads.add(Thread.currentThread().getName());
            }
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onRemoved(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void onExpired(Iterable<CacheEntryEvent<? extends String, ? extends String>> batch) {
            record(batch);
        }

        @Override
        public void close() {
            closed.set(true);
        }

        void awaitCount(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (events.size() < count) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("expected " + count + " events, got " + events);
                }
                Thread.sleep(5);
            }
        }
    }

    private static CacheEntryListenerConfiguration<String, String> listen(Recorder recorder,
            CacheEntryEventFilter<String, String> filter, boolean synchronous) {
        return new MutableCacheEntryListenerConfiguration<>(new FactoryBuilder.SingletonFactory<>(recorder),
                filter == null ? null : new FactoryBuilder.SingletonFactory<>(filter), true, synchronous);
    }

    @Test
    void synchronousListenerHearsEveryChangeWithOldValuesBeforeTheCallReturns() {
        Recorder r = new Recorder();
        cache.registerCacheEntryListener(listen(r, null, true));
        cache.put("a", "1");
        assertEquals(List.of("CREATED a 1"), r.events, "delivered before put returned");
        cache.put("a", "2");
        cache.getAndPut("a", "3");
        cache.replace("a", "4");
        cache.replace("a", "4", "5");
        cache.replace("a", "wrong", "6");
        assertFalse(cache.putIfAbsent("a", "7"));
        cache.invoke("a", (entry, args) -> {
            entry.setValue("8");
            return null;
        });
        cache.get("a");
        cache.containsKey("a");
        cache.remove("a");
        cache.remove("a");
        cache.putAll(Map.of("b", "1"));
        cache.getAndRemove("b");
        cache.put("c", "1");
        cache.invoke("c", (entry, args) -> {
            entry.remove();
            return null;
        });
        cache.put("d", "1");
        cache.clear();
        assertEquals(List.of("CREATED a 1", "UPDATED a 2 1", "UPDATED a 3 2", "UPDATED a 4 3", "UPDATED a 5 4",
                "UPDATED a 8 5", "REMOVED a 8 8", "CREATED b 1", "REMOVED b 1 1", "CREATED c 1", "REMOVED c 1 1",
                "CREATED d 1"), r.events, "clear sends no events");
    }

    @Test
    void iteratorRemoveAndRemoveAllReportRemovals() {
        Recorder r = new Recorder();
        cache.putAll(Map.of("a", "1", "b", "2", "c", "3"));
        cache.registerCacheEntryListener(listen(r, null, true));
        var it = cache.iterator();
        Cache.Entry<String, String> first = it.next();
        it.remove();
        List<String> expected = new ArrayList<>();
        expected.add("REMOVED " + first.getKey() + " " + first.getValue() + " " + first.getValue());
        assertEquals(expected, r.events);
        cache.removeAll(new java.util.LinkedHashSet<>(List.of("b", "c", "absent")));
        for (String key : List.of("b", "c")) {
            if (!key.equals(first.getKey())) {
                String value = key.equals("b") ? "2" : "3";
                expected.add("REMOVED " + key + " " + value + " " + value);
            }
        }
        assertEquals(expected, r.events, "absent keys report nothing");
        cache.put("z", "26");
        cache.removeAll();
        expected.add("CREATED z 26");
        expected.add("REMOVED z 26 26");
        if (!first.getKey().equals("a")) {
            expected.add(expected.size() - 1, "REMOVED a 1 1");
        }
        assertEquals(Set.copyOf(expected), Set.copyOf(r.events));
        assertEquals(expected.size(), r.events.size());
    }

    @Test
    void filterDecidesWhatTheListenerHears() {
        Recorder r = new Recorder();
        CacheEntryEventFilter<String, String> onlyA = e -> e.getKey().startsWith("a");
        cache.registerCacheEntryListener(listen(r, onlyA, true));
        cache.put("apple", "1");
        cache.put("banana", "2");
        cache.remove("apple");
        cache.remove("banana");
        assertEquals(List.of("CREATED apple 1", "REMOVED apple 1 1"), r.events);
    }

    @Test
    void asynchronousListenerHearsEverythingInOrderOnAnotherThread() throws InterruptedException {
        Recorder r = new Recorder();
        cache.registerCacheEntryListener(listen(r, null, false));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            cache.put("k" + (i % 7), "v" + i);
        }
        for (int i = 0; i < 7; i++) {
            cache.remove("k" + i);
        }
        r.awaitCount(507);
        for (int i = 0; i < 500; i++) {
            expected.add(i < 7 ? "CREATED k" + i + " v" + i : "UPDATED k" + (i % 7) + " v" + i + " v" + (i - 7));
        }
        for (int i = 0; i < 7; i++) {
            int last = 499 - ((499 - i) % 7); // the last i' < 500 with i' % 7 == i
            expected.add("REMOVED k" + i + " v" + last + " v" + last);
        }
        assertEquals(expected, r.events);
        assertFalse(r.threads.contains(Thread.currentThread().getName()));
    }

    @Test
    void aFailingSynchronousListenerFailsTheCallAfterTheChangeIsMade() {
        CacheEntryCreatedListener<String, String> broken = events -> {
            throw new IllegalStateException("listener broke");
        };
        cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(
                new FactoryBuilder.SingletonFactory<>(broken), null, false, true));
        CacheEntryListenerException e = assertThrows(CacheEntryListenerException.class, () -> cache.put("k", "v"));
        assertTrue(e.getCause() instanceof IllegalStateException);
        assertEquals("v", cache.get("k"), "the change was made before the listener was called");
    }

    @Test
    void registrationRulesAndClosingListeners() {
        Recorder r = new Recorder();
        CacheEntryListenerConfiguration<String, String> config = listen(r, null, true);
        cache.registerCacheEntryListener(config);
        assertThrows(IllegalArgumentException.class, () -> cache.registerCacheEntryListener(config));
        assertEquals(1, count(cache.getConfiguration(MutableConfiguration.class).getCacheEntryListenerConfigurations()));
        cache.deregisterCacheEntryListener(config);
        assertTrue(r.closed.get(), "a deregistered closeable listener is closed");
        cache.put("k", "v");
        assertTrue(r.events.isEmpty());

        Recorder kept = new Recorder();
        cache.registerCacheEntryListener(listen(kept, null, false));
        cache.close();
        assertTrue(kept.closed.get(), "closing the cache closes its listeners");
    }

    @Test
    void listenersGivenInTheConfigurationAreRegistered() {
        Recorder r = new Recorder();
        Cache<String, String> configured = manager.createCache("configured", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class).addCacheEntryListenerConfiguration(listen(r, null, true)));
        configured.put("k", "v");
        assertEquals(List.of("CREATED k v"), r.events);
    }

    @Test
    void listenersHearOnlyTheirOwnProcessesChanges() {
        URI uri = caches.newUri();
        Cache<String, String> here = caches.manager(uri, null, new Properties()).createCache("shared",
                new MutableConfiguration<String, String>().setTypes(String.class, String.class));
        Recorder r = new Recorder();
        here.registerCacheEntryListener(listen(r, null, true));
        Cache<String, String> elsewhere = caches.manager(uri, TestCaches.otherLoader(), new Properties())
                .getCache("shared", String.class, String.class);
        elsewhere.put("theirs", "1");
        assertEquals("1", here.get("theirs"));
        here.put("mine", "2");
        assertEquals(List.of("CREATED mine 2"), r.events);
    }

    @Test
    void readingAnExpiredEntryReportsItsExpiry() throws InterruptedException {
        Recorder r = new Recorder();
        Cache<String, String> expiring = manager.createCache("expiring", new MutableConfiguration<String, String>()
                .setTypes(String.class, String.class)
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 50))))
                .addCacheEntryListenerConfiguration(listen(r, null, true)));
        expiring.put("k", "v");
        Thread.sleep(120);
        assertEquals(null, expiring.get("k"));
        assertEquals(List.of("CREATED k v", "EXPIRED k v v"), r.events);
    }

    private static int count(Iterable<?> items) {
        int n = 0;
        for (Object ignored : items) {
            n++;
        }
        return n;
    }
}
