package io.ultracache.store;

import io.ultracache.stream.KeyHash;
import io.ultracache.stream.StreamBuffer;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * This process's index of the stream records of one generation: for each key written since the
 * dump, the offset of its latest record (PUT, REMOVE or TOUCH). Keys themselves stay in shared
 * memory; the index holds 8 bytes per key.
 *
 * <pre>
 *  slot:  63            32 31                      0        0 = empty
 *        +----------------+-------------------------+
 *        |   hash tag     | record offset / 8  + 1  |
 *        +----------------+-------------------------+
 * </pre>
 *
 * Open addressing with linear probing, at most half full. One thread at a time adds records
 * (under the store's catch-up lock); any number of threads look up concurrently without a lock.
 * That is safe because slots are single 64-bit words written with release and read with acquire,
 * a slot only ever changes from empty to a record of its key or from one record of its key to a
 * later one, and a grown or cleared table is a new {@link Table} published through a volatile
 * field. A lookup that loads the table after the catch-up it depends on sees every record that
 * catch-up indexed.
 */
final class OverlayIndex {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int INITIAL_CAPACITY = 64;
    /** Largest table {@link #reserve} allocates ahead (8 MiB); beyond it the table grows as keys come. */
    private static final int MAX_RESERVED = 1 << 20;

    /** One table of slots. {@code dumpVisible} is false after a CLEAR record: the dump no longer counts. */
    static final class Table {
        final long[] slots;
        final boolean dumpVisible;
        int size;

        Table(int capacity, boolean dumpVisible) {
            this.slots = new long[capacity];
            this.dumpVisible = dumpVisible;
        }

        /**
         * Offset of the latest record of the key, or -1. Allocates nothing.
         */
        long find(StreamBuffer stream, long keyHash, byte[] key, int keyOffset, int keyLength) {
            long[] s = slots;
            int mask = s.length - 1;
            int tag = KeyHash.tag(keyHash);
            int i = (int) keyHash & mask;
            while (true) {
                long slot = (long) SLOTS.getAcquire(s, i);
                if (slot == 0) {
                    return -1;
                }
                if ((int) (slot >>> 32) == tag) {
                    long record = recordOf(slot);
                    if (stream.keyEquals(record, key, keyOffset, keyLength)) {
                        return record;
                    }
                    stream.verify(record); // same tag, other key: rare for sound records, so rule out a damaged key
                }
                i = (i + 1) & mask;
            }
        }

        int size() {
            return size;
        }

        /** Record offset in slot {@code i}, or -1 if it is empty. */
        long recordAt(int i) {
            long slot = (long) SLOTS.getAcquire(slots, i);
            return slot == 0 ? -1 : recordOf(slot);
        }

        int capacity() {
            return slots.length;
        }
    }

    private volatile Table table = new Table(INITIAL_CAPACITY, true);

    private static long recordOf(long slot) {
        return ((slot & 0xFFFF_FFFFL) - 1) << 3;
    }

    private static long slotOf(long keyHash, long recordOffset) {
        return ((long) KeyHash.tag(keyHash) << 32) | ((recordOffset >>> 3) + 1);
    }

    /** The current table; look up in it and read its {@code dumpVisible} together. */
    Table table() {
        return table;
    }

    /**
     * Makes {@code recordOffset} the latest record of its key. The key's bytes are passed in (the
     * caller copied them out of the record) to compare with the records already indexed.
     */
    void index(StreamBuffer stream, long recordOffset, long keyHash, byte[] key, int keyOffset, int keyLength) {
        Table t = table;
        long[] s = t.slots;
        int mask = s.length - 1;
        int tag = KeyHash.tag(keyHash);
        int i = (int) keyHash & mask;
        while (true) {
            long slot = s[i];
            if (slot == 0) {
                break;
            }
            if ((int) (slot >>> 32) == tag && stream.keyEquals(recordOf(slot), key, keyOffset, keyLength)) {
                SLOTS.setRelease(s, i, slotOf(keyHash, recordOffset));
                return;
            }
            i = (i + 1) & mask;
        }
        if ((t.size + 1) * 2 > s.length) {
            t = grow(t, stream);
            s = t.slots;
            mask = s.length - 1;
            i = (int) keyHash & mask;
            while (s[i] != 0) {
                i = (i + 1) & mask;
            }
        }
        SLOTS.setRelease(s, i, slotOf(keyHash, recordOffset));
        t.size++;
    }

    /** Doubles the table; slot indexes come from the key hashes kept in the records' headers. */
    private Table grow(Table old, StreamBuffer stream) {
        Table bigger = new Table(old.slots.length * 2, old.dumpVisible);
        long[] s = bigger.slots;
        int mask = s.length - 1;
        for (long slot : old.slots) {
            if (slot != 0) {
                int i = (int) stream.keyHash(recordOf(slot)) & mask;
                while (s[i] != 0) {
                    i = (i + 1) & mask;
                }
                s[i] = slot;
            }
        }
        bigger.size = old.size;
        table = bigger;
        return bigger;
    }

    /**
     * Sizes an empty table for {@code keys} keys, so that indexing them does not grow it step by
     * step (each step rehashes everything and touches a new array). Call before the first record.
     */
    void reserve(int keys) {
        Table t = table;
        long wanted = Math.min(MAX_RESERVED, Long.highestOneBit(Math.max(1, (long) keys * 2 - 1)) << 1);
        if (t.size == 0 && wanted > t.slots.length) {
            table = new Table((int) wanted, t.dumpVisible);
        }
    }

    /** A CLEAR record: forget every key and hide the dump. */
    void clear() {
        table = new Table(INITIAL_CAPACITY, false);
    }
}
