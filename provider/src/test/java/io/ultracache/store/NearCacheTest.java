package io.ultracache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The near cache on its own: what it answers after adds, drops and growth. */
class NearCacheTest {
    @Test
    void droppingAKeyRemovesItAndOnlyIt() {
        NearCache near = new NearCache(1 << 16);
        near.sizeFor(1000);
        near.put("key-7", "value-7", StoreEntry.ETERNAL);
        for (int i = 0; i < 1000; i++) {
            near.put("key-" + i, "value-" + i, StoreEntry.ETERNAL);
        }
        java.util.Set<Integer> answered = new java.util.HashSet<>();
        for (int i = 0; i < 1000; i++) {
            if (("value-" + i).equals(near.get("key-" + i))) {
                answered.add(i); // a full set evicts, so not all of them
            }
        }
        assertTrue(answered.size() > 900, "most keys are answered: " + answered.size());
        near.invalidate("key-7".hashCode());
        assertNull(near.get("key-7"));
        for (int i : answered) {
            if (i != 7) {
                assertEquals("value-" + i, near.get("key-" + i), "key-" + i + " is still answered");
            }
        }
    }

    @Test
    void droppingAKeyNeverAddedChangesNothing() {
        NearCache near = new NearCache(1 << 16);
        near.sizeFor(1000);
        near.put("a", "1", StoreEntry.ETERNAL);
        for (int i = 0; i < 10_000; i++) {
            int hash = ("other-" + i).hashCode();
            if (hash != "a".hashCode()) {
                near.invalidate(hash);
            }
        }
        assertEquals("1", near.get("a"));
    }

    @Test
    void entriesMovedByGrowthCanStillBeDropped() {
        NearCache near = new NearCache(1 << 16);
        for (int i = 0; i < 50; i++) {
            near.put("key-" + i, i, StoreEntry.ETERNAL);
        }
        near.sizeFor(10_000); // more cells: every entry moves to a new set
        for (int i = 0; i < 50; i++) {
            assertEquals(i, near.get("key-" + i), "key-" + i + " moved with the growth");
            near.invalidate(("key-" + i).hashCode());
            assertNull(near.get("key-" + i), "key-" + i + " was dropped in its new set");
        }
    }

    @Test
    void afterDroppingEverythingNewEntriesAreTrackedAgain() {
        NearCache near = new NearCache(1 << 16);
        near.put("a", "1", StoreEntry.ETERNAL);
        near.invalidateAll();
        assertNull(near.get("a"));
        near.put("a", "2", StoreEntry.ETERNAL);
        assertEquals("2", near.get("a"));
        near.invalidate("a".hashCode());
        assertNull(near.get("a"), "the set was marked again after the clear");
    }

    @Test
    void keysWithOneHashCodeAreAllDroppedAndTheRestOfTheRunStaysReachable() {
        NearCache near = new NearCache(1 << 10);
        near.sizeFor(64);
        // "Aa" and "BB" share a hashCode, as do "AaAa", "AaBB", "BBAa" and "BBBB"
        String[] sameHash = {"AaAa", "AaBB", "BBAa", "BBBB"};
        for (String key : sameHash) {
            near.put(key, key + "!", StoreEntry.ETERNAL);
        }
        for (int i = 0; i < 100; i++) {
            near.put("other-" + i, i, StoreEntry.ETERNAL);
        }
        near.invalidate("AaAa".hashCode());
        for (String key : sameHash) {
            assertNull(near.get(key), key + " shares the dropped hashCode");
        }
        int answered = 0;
        for (int i = 0; i < 100; i++) {
            Object value = near.get("other-" + i);
            if (value != null) {
                assertEquals(i, value);
                answered++;
            }
        }
        assertEquals(100, answered, "entries moved back into the gaps are still found");
    }

    /**
     * Random adds and drops against a plain map as the model, in a cache small enough to be full
     * and replace entries: a key is answered with its latest value or not at all, never with a
     * value it no longer has.
     */
    @Test
    void neverAnswersWithADroppedOrReplacedValue() {
        java.util.Random random = new java.util.Random(42);
        NearCache near = new NearCache(300); // 1,024 cells at most: full at 512 entries
        java.util.Map<String, Integer> model = new java.util.HashMap<>();
        int answeredAtLeastOnce = 0;
        for (int step = 0; step < 20_000; step++) {
            String key = "k" + random.nextInt(2_000);
            if (random.nextInt(4) == 0) {
                near.invalidate(key.hashCode());
                model.remove(key);
            } else {
                near.put(key, step, StoreEntry.ETERNAL);
                model.put(key, step);
            }
            if (step % 500 == 0) {
                near.sizeFor(step / 4); // grows now and then, as catching up does
            }
            for (int probe = 0; probe < 20; probe++) {
                String k = "k" + random.nextInt(2_000);
                Object cached = near.get(k);
                if (cached != null) {
                    assertEquals(model.get(k), cached, k + " at step " + step);
                    answeredAtLeastOnce++;
                }
            }
        }
        assertTrue(answeredAtLeastOnce > 100_000, "the cache answers most reads: " + answeredAtLeastOnce);
    }

    /** Readers running while one thread adds and drops entries never see a dropped value. */
    @Test
    void concurrentReadersNeverSeeADroppedValue() throws Exception {
        NearCache near = new NearCache(1 << 12);
        near.sizeFor(1_000);
        String[] keys = new String[1_000];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = "key-" + i;
        }
        // value = generation * keys + index; a key's dropped generations are below its live one
        java.util.concurrent.atomic.AtomicIntegerArray live = new java.util.concurrent.atomic.AtomicIntegerArray(keys.length);
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicReference<String> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong hits = new java.util.concurrent.atomic.AtomicLong();
        Runnable reader = () -> {
            java.util.Random random = new java.util.Random();
            while (!stop.get()) {
                int i = random.nextInt(keys.length);
                int floor = live.get(i); // read first: the value found must be at least this new
                Object cached = near.get(keys[i]);
                if (cached != null) {
                    hits.incrementAndGet();
                    if ((Integer) cached % keys.length != i) {
                        failure.compareAndSet(null, keys[i] + ": found " + cached + ", a value of another key");
                    } else if ((Integer) cached < floor) {
                        failure.compareAndSet(null, keys[i] + ": found " + cached + " after " + floor + " was live");
                    }
                }
            }
        };
        Thread[] readers = {new Thread(reader), new Thread(reader)};
        for (Thread t : readers) {
            t.start();
        }
        java.util.Random random = new java.util.Random(7);
        for (int generation = 1; generation < 400; generation++) {
            for (int n = 0; n < 500; n++) {
                int i = random.nextInt(keys.length);
                int value = generation * keys.length + i;
                near.invalidate(keys[i].hashCode()); // as catching up does, before the new value is known
                live.set(i, value);
                near.put(keys[i], value, StoreEntry.ETERNAL);
            }
        }
        stop.set(true);
        for (Thread t : readers) {
            t.join(10_000);
        }
        assertNull(failure.get());
        assertTrue(hits.get() > 0, "the readers found entries");
    }

    /**
     * A PUT of this process updates the key's own entry in place (or drops it if the value may not
     * be kept), leaves other keys sharing its hashCode alone, and adds nothing for a key the cache
     * does not hold.
     */
    @Test
    void anOwnPutUpdatesOnlyItsKeysEntry() {
        NearCache near = new NearCache(1 << 10);
        near.put("AaAa", "1", StoreEntry.ETERNAL); // "AaAa", "BBBB" and "AaBB" share a hashCode
        near.put("BBBB", "2", StoreEntry.ETERNAL);
        near.put("other", "3", StoreEntry.ETERNAL);
        near.update(new String("BBBB"), "BBBB".hashCode(), "2b", StoreEntry.ETERNAL);
        assertEquals("2b", near.get("BBBB"), "updated, found by an equal key object after another key of its hash");
        assertEquals("1", near.get("AaAa"), "same hashCode, another key: kept");
        assertEquals("3", near.get("other"));

        near.update("AaBB", "AaBB".hashCode(), "new", StoreEntry.ETERNAL);
        assertNull(near.get("AaBB"), "not held before: not added");

        near.update("other", "other".hashCode(), "3b", System.currentTimeMillis() - 1);
        assertNull(near.get("other"), "updated to a value that has expired");
        near.update("AaAa", "AaAa".hashCode(), null, StoreEntry.ETERNAL);
        assertNull(near.get("AaAa"), "a value that may not be kept: dropped");
        assertEquals("2b", near.get("BBBB"), "still found after its neighbour was dropped");
    }

    /** An entry that expires is answered until it expires, and dropped and replaced as any other. */
    @Test
    void expiringEntriesAreAnsweredOnlyUntilTheyExpire() {
        NearCache near = new NearCache(1 << 10);
        long now = System.currentTimeMillis();
        near.put("fresh", "f", now + 60_000);
        near.put("stale", "s", now - 1);
        near.put("eternal", "e", StoreEntry.ETERNAL);
        assertEquals("f", near.get("fresh"));
        assertEquals("f", near.get(new String("fresh")), "an equal key object finds it too");
        assertNull(near.get("stale"), "expired");
        assertEquals("e", near.get("eternal"));

        near.put("fresh", "f2", StoreEntry.ETERNAL);
        assertEquals("f2", near.get("fresh"), "replaced by an eternal value");
        near.put("eternal", "e2", now - 1);
        assertNull(near.get("eternal"), "replaced by an expired value");
        near.invalidate("stale".hashCode());
        near.put("stale", "s2", StoreEntry.ETERNAL);
        assertEquals("s2", near.get("stale"));
    }

    /** At its largest size the table stays at most half full, so a lookup of a missing key ends. */
    @Test
    @org.junit.jupiter.api.Timeout(value = 30, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFullTableStaysHalfEmptyAndKeepsAnsweringRecentKeys() throws Exception {
        NearCache near = new NearCache(256); // 512 cells at most
        for (int i = 0; i < 100_000; i++) {
            near.put("key-" + i, i, StoreEntry.ETERNAL);
        }
        java.lang.reflect.Field field = NearCache.class.getDeclaredField("pairs");
        field.setAccessible(true);
        Object[] pairs = (Object[]) field.get(near); // key, value, key, value...
        int cells = pairs.length / 2;
        long used = java.util.stream.IntStream.range(0, cells).filter(i -> pairs[2 * i] != null).count();
        assertEquals(512, cells);
        assertTrue(used <= cells / 2, used + " of " + cells + " cells used");
        for (int i = 0; i < 10_000; i++) {
            assertNull(near.get("absent-" + i)); // ends at an empty cell
        }
        near.put("latest", "value", StoreEntry.ETERNAL);
        near.put("latest", "value", StoreEntry.ETERNAL); // its home was empty the first time: kept now or never
        Object latest = near.get("latest");
        assertTrue(latest == null || latest.equals("value"));
    }
}
