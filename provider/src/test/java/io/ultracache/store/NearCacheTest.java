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
}
