package io.ultracache.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The store's operations within one process (two handles behave like two processes' views). */
class SharedStoreTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("store");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private StoreConfig.Builder config(String name) {
        return StoreConfig.builder("test", name).directory(dir).streamMinBytes(4096).streamMaxBytes(4096);
    }

    @Test
    void putGetRemoveClear() {
        try (SharedStore store = SharedStore.open(config("basic").build())) {
            assertNull(store.get("a"));
            store.put("a", "1", StoreEntry.ETERNAL);
            store.put("b", 2L, StoreEntry.ETERNAL);
            assertEquals("1", store.get("a"));
            assertEquals(2L, store.get("b"));
            assertTrue(store.containsKey("a"));
            assertTrue(store.remove("a"));
            assertFalse(store.remove("a"));
            assertNull(store.get("a"));
            assertEquals(1, store.size());
            store.clear();
            assertNull(store.get("b"));
            assertEquals(0, store.size());
            store.put("c", "3", StoreEntry.ETERNAL);
            assertEquals("3", store.get("c"));
        }
    }

    @Test
    void manyGenerationsKeepEveryEntry() {
        // a stream a quarter of the dump: many dumps
        try (SharedStore store = SharedStore.open(config("gens").streamToDumpRatio(0.25).build())) {
            Map<String, String> expected = new HashMap<>();
            for (int i = 0; i < 20_000; i++) {
                String key = "k" + (i % 3000);
                String value = "v" + i;
                store.put(key, value, StoreEntry.ETERNAL);
                expected.put(key, value);
                if (i % 7 == 0) {
                    String victim = "k" + ((i * 31) % 3000);
                    store.remove(victim);
                    expected.remove(victim);
                }
            }
            assertTrue(store.status().generation() > 10, "expected many dumps: " + store.status());
            for (Map.Entry<String, String> e : expected.entrySet()) {
                assertEquals(e.getValue(), store.get(e.getKey()), e.getKey());
            }
            assertEquals(expected.size(), store.size());
            Map<Object, Object> iterated = new HashMap<>();
            for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
                StoreEntry entry = it.next();
                iterated.put(entry.key(), entry.value());
            }
            assertEquals(new HashMap<Object, Object>(expected), iterated);
        }
    }

    /**
     * Threads of one process writing and reading at once, across many generations: every thread
     * reads back exactly what it wrote to its own keys, and nothing is ever damaged.
     */
    @Test
    @org.junit.jupiter.api.Timeout(120)
    void manyThreadsOfOneProcessWriteAndReadAtOnce() throws Exception {
        try (SharedStore store = SharedStore.open(config("threads").build())) {
            int threads = 8;
            java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
            java.util.List<java.util.concurrent.Future<Integer>> results = new java.util.ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int id = t;
                results.add(pool.submit(() -> {
                    int checked = 0;
                    for (int i = 0; i < 10_000; i++) {
                        String own = "t" + id + "-" + (i % 50);
                        store.put(own, "v" + i, StoreEntry.ETERNAL);
                        store.put("shared-" + (i % 20), id + ":" + i, StoreEntry.ETERNAL); // contended keys
                        if (!("v" + i).equals(store.get(own))) {
                            throw new AssertionError("thread " + id + " lost its write " + i + " to " + own);
                        }
                        Object shared = store.get("shared-" + (i % 20));
                        if (!(shared instanceof String) || !((String) shared).matches("\\d+:\\d+")) {
                            throw new AssertionError("garbage in a shared key: " + shared);
                        }
                        checked++;
                    }
                    return checked;
                }));
            }
            pool.shutdown();
            for (java.util.concurrent.Future<Integer> r : results) {
                assertEquals(10_000, r.get());
            }
            assertTrue(store.status().generation() > 20, "the writes spanned many generations: " + store.status());
            assertEquals(threads * 50 + 20, store.size());
        }
    }

    /** Stream sizes: from the dump, doubled after a generation shorter than a second, kept, then back. */
    @Test
    void streamCapacityFollowsTheDumpAndHowFastStreamsFill() {
        StoreConfig c = StoreConfig.builder("test", "sizes").directory(dir).streamMinBytes(4096)
                .streamMaxBytes(1 << 20).streamToDumpRatio(8).build();
        long idle = StoreWriter.IDLE_GENERATION_MILLIS;
        assertEquals(4096, StoreWriter.streamCapacityFor(c, 100, 0, idle), "the minimum");
        assertEquals(81_920, StoreWriter.streamCapacityFor(c, 10_000, 4096, idle), "8x the dump, in pages");
        assertEquals(64 * 1024, StoreWriter.streamCapacityFor(c, 100, 32 * 1024, 10), "a busy generation: twice the last");
        assertEquals(1 << 20, StoreWriter.streamCapacityFor(c, 100, 1 << 20, 10), "never beyond the maximum");
        assertEquals(32 * 1024, StoreWriter.streamCapacityFor(c, 100, 32 * 1024, idle - 1), "neither busy nor idle: kept");
        assertEquals(4096, StoreWriter.streamCapacityFor(c, 100, 32 * 1024, idle), "idle: from the dump again");
        assertEquals(160 * 1024, StoreWriter.streamCapacityFor(c, 20 * 1024, 32 * 1024, 10), "the dump's share wins when larger");
    }

    /** A store written fast goes through streams that double up to the maximum, and loses nothing. */
    @Test
    void aStoreWrittenFastGetsLargerStreamsUpToItsMaximum() {
        StoreConfig c = StoreConfig.builder("test", "growing").directory(dir).streamMinBytes(4096)
                .streamMaxBytes(64 * 1024).build();
        try (SharedStore store = SharedStore.open(c)) {
            java.util.TreeSet<Long> capacities = new java.util.TreeSet<>();
            for (int i = 0; i < 20_000; i++) {
                store.put("k" + (i % 100), "v" + i, StoreEntry.ETERNAL);
                if (i % 10 == 0) {
                    capacities.add(store.status().streamCapacity());
                }
            }
            assertEquals(4096L, capacities.first(), "the first streams are the minimum: " + capacities);
            assertEquals(64L * 1024, capacities.last(), "the last ones the maximum: " + capacities);
            assertTrue(capacities.size() >= 4, "sizes in between: " + capacities);
            for (int k = 0; k < 100; k++) {
                assertEquals("v" + (19_900 + k), store.get("k" + k));
            }
        }
    }

    /** Each read after a put of this process sees that put, whatever the near cache held. */
    @Test
    void readsFollowThisProcesssPutsOfAKeyItHasRead() {
        try (SharedStore store = SharedStore.open(config("own").build())) {
            store.put("k", "v1", StoreEntry.ETERNAL);
            assertEquals("v1", store.get("k"));
            assertEquals("v1", store.get("k")); // now from the near cache
            store.put("k", "v2", StoreEntry.ETERNAL);
            assertEquals("v2", store.get("k"));
            byte[] bytes = {1, 2, 3};
            store.put("k", bytes, StoreEntry.ETERNAL);
            Object read = store.get("k");
            assertArrayEquals(bytes, (byte[]) read);
            assertNotSame(bytes, read, "a mutable value is never shared with the caller");
            store.put("k", "v3", System.currentTimeMillis() + 60_000);
            assertEquals("v3", store.get("k"));
            assertEquals("v3", store.get("k"));
            store.put("k", "v4", System.currentTimeMillis() - 1);
            assertNull(store.get("k"), "put with an expiry already past");
            store.put("k", "v5", StoreEntry.ETERNAL);
            assertEquals("v5", store.get("k"));
            store.remove("k");
            assertNull(store.get("k"));
        }
    }

    @Test
    void secondHandleSeesWritesOfFirst() {
        try (SharedStore a = SharedStore.open(config("two").build());
             SharedStore b = SharedStore.open(config("two").build())) {
            for (int i = 0; i < 5000; i++) {
                a.put(i, "value" + i, StoreEntry.ETERNAL);
                assertEquals("value" + i, b.get(i));
            }
            b.clear();
            assertNull(a.get(1));
        }
    }

    @Test
    void hugeValueGoesIntoDump() {
        try (SharedStore a = SharedStore.open(config("huge").build());
             SharedStore b = SharedStore.open(config("huge").build())) {
            byte[] huge = new byte[3 << 20];
            for (int i = 0; i < huge.length; i++) {
                huge[i] = (byte) (i * 7);
            }
            a.put("small", "x", StoreEntry.ETERNAL);
            a.put("huge", huge, StoreEntry.ETERNAL);
            assertArrayEquals(huge, (byte[]) b.get("huge"));
            assertEquals("x", b.get("small"));
        }
    }

    @Test
    void sharesImmutableValuesCopiesMutableOnes() {
        try (SharedStore store = SharedStore.open(config("share").build())) {
            store.put("s", "shared string", StoreEntry.ETERNAL);
            store.put("b", new byte[] {1, 2, 3}, StoreEntry.ETERNAL);
            assertSame(store.get("s"), store.get("s"));
            byte[] first = (byte[]) store.get("b");
            first[0] = 9;
            assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) store.get("b"));
        }
    }

    @Test
    void expiredEntriesAreGone() throws Exception {
        try (SharedStore store = SharedStore.open(config("expiry").build())) {
            store.put("soon", "x", System.currentTimeMillis() + 50);
            store.put("past", "y", System.currentTimeMillis() - 1);
            assertEquals("x", store.get("soon"));
            assertNull(store.get("past"));
            Thread.sleep(80);
            assertNull(store.get("soon"));
            assertFalse(store.containsKey("soon"));
            assertEquals(0, store.size());
        }
    }

    @Test
    void transactionIsAtomicAndTouchKeepsValue() {
        try (SharedStore store = SharedStore.open(config("tx").build())) {
            store.put("n", 1L, StoreEntry.ETERNAL);
            long result = store.update(tx -> {
                long n = (Long) tx.get("n").value();
                tx.put("n", n + 1, StoreEntry.ETERNAL);
                return n + 1;
            });
            assertEquals(2L, result);
            long later = System.currentTimeMillis() + 100_000;
            boolean touched = store.update(tx -> tx.touch("n", later));
            assertTrue(touched);
            StoreEntry entry = store.getEntry("n");
            assertEquals(2L, entry.value());
            assertEquals(later, entry.expiresAt());
        }
    }

    @Test
    void lastCloseRemovesSegments() {
        SharedStore a = SharedStore.open(config("life").build());
        SharedStore b = SharedStore.open(config("life").build());
        a.put("k", "v", StoreEntry.ETERNAL);
        a.close();
        assertEquals("v", b.get("k"));
        assertThrows(StoreClosedException.class, () -> a.get("k"));
        b.close();
        assertEquals(java.util.List.of(), TestDirectories.files(dir));
    }

    @Test
    void destroyIsSeenByOtherHandles() {
        SharedStore a = SharedStore.open(config("destroy").build());
        SharedStore b = SharedStore.open(config("destroy").build());
        a.put("k", "v", StoreEntry.ETERNAL);
        assertFalse(b.isDestroyed());
        a.destroy();
        assertTrue(b.isDestroyed(), "seen without an operation failing first");
        assertTrue(a.isDestroyed());
        StoreClosedException e = assertThrows(StoreClosedException.class, () -> b.get("k"));
        assertTrue(e.isDestroyed());
        b.close();
        assertEquals(java.util.List.of(), TestDirectories.files(dir));
    }

    @Test
    void incompatiblePropertiesAreRefused() {
        try (SharedStore a = SharedStore.open(config("compat").property("valueType", "java.lang.String").build())) {
            StoreIncompatibleException e = assertThrows(StoreIncompatibleException.class,
                    () -> SharedStore.open(config("compat").property("valueType", "java.lang.Long").build()));
            assertTrue(e.getMessage().contains("valueType: this process has 'java.lang.Long', the existing cache has 'java.lang.String'"),
                    e.getMessage());
            a.put("still", "works", StoreEntry.ETERNAL);
            assertEquals("works", a.get("still"));
        }
    }
}
