package io.ultracache.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.UUID;

/**
 * This process's bounded map from key objects to decoded values, for keys whose
 * {@code hashCode} is the same in every JVM (see {@link #holdsKey}) and values that may be
 * shared. A hit answers a read without encoding the key or touching shared memory, at about the
 * cost of a {@code ConcurrentHashMap} lookup.
 *
 * <p>Staying exact: every record of such a key carries the key's Java hashCode (see
 * {@link io.ultracache.stream.RecordDescriptor}); catching up drops the cached entries with that
 * hash <em>before</em> it publishes the new synced tail, so a reader that found its view current
 * also finds no stale entry here. Entries are added and dropped only under the tracker's lock, and
 * added only if no catch-up ran since the lookup that produced them. A CLEAR, a skipped generation
 * or a value that went straight into a dump drops everything.
 *
 * <p>Layout: 4-way set-associative, sized to about four cells per entry so that sets rarely
 * overflow and a hit usually costs two memory accesses (the cell, the entry), as a
 * {@code ConcurrentHashMap} hit does. Entries are immutable objects read with acquire; lookups
 * take no lock and allocate nothing.
 */
final class NearCache {
    private static final VarHandle ENTRIES = MethodHandles.arrayElementVarHandle(Entry[].class);
    private static final int WAYS = 4;
    private static final int MIN_CELLS = 256;
    private static final Entry[] NONE = new Entry[0];

    private static final class Entry {
        final Object key;
        final int hash;
        final Object value;
        final long expiresAt;

        Entry(Object key, int hash, Object value, long expiresAt) {
            this.key = key;
            this.hash = hash;
            this.value = value;
            this.expiresAt = expiresAt;
        }
    }

    private final int maxCells;
    private volatile Entry[] cells;
    /**
     * One bit per set of {@link #cells}: whether the set may hold an entry. Dropping a key whose set
     * is empty (most writes, in a process that reads few of the keys it writes) then reads this
     * small array instead of the cell, a cache miss. Guarded by the tracker's lock.
     */
    private long[] occupiedSets;
    private int nextVictim;
    /**
     * Whether nothing was added since the last {@link #invalidateAll}: a process that only writes
     * then skips the invalidation, a cache miss per write. Guarded by the tracker's lock.
     */
    private boolean empty = true;

    /** @param maxCells most entries to keep, rounded up to a power of two; 0 disables the cache */
    NearCache(int maxCells) {
        this.maxCells = maxCells <= 0 ? 0 : Math.max(MIN_CELLS, ceilingPowerOfTwo(maxCells));
        this.cells = maxCells <= 0 ? NONE : new Entry[Math.min(MIN_CELLS, this.maxCells)];
        this.occupiedSets = setBits(cells.length);
    }

    private static long[] setBits(int cells) {
        return new long[Math.max(1, cells / WAYS / Long.SIZE)];
    }

    /** Marks the set starting at cell {@code set} as possibly holding an entry. */
    private static void markOccupied(long[] bits, int set) {
        int bit = set / WAYS;
        bits[bit >>> 6] |= 1L << bit;
    }

    private static boolean isOccupied(long[] bits, int set) {
        int bit = set / WAYS;
        return (bits[bit >>> 6] & (1L << bit)) != 0;
    }

    private static int ceilingPowerOfTwo(long n) {
        return (int) Math.min(1 << 30, Long.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    /**
     * Whether {@code key}'s class has a {@code hashCode} that every JVM computes the same way (its
     * javadoc specifies it), so a record can name the key by it. All of these are immutable.
     */
    static boolean holdsKey(Object key) {
        Class<?> type = key.getClass();
        return type == String.class || type == Long.class || type == Integer.class || type == Short.class
                || type == Byte.class || type == Character.class || type == Boolean.class || type == UUID.class;
    }

    private static int setOf(int hash, int length) {
        int h = hash * 0x9E3779B1;
        return (h ^ (h >>> 16)) & (length - 1) & -WAYS;
    }

    /** The cached value of {@code key} if it has not expired, else null. Allocates nothing. */
    Object get(Object key) {
        Entry[] c = cells;
        if (c.length == 0) {
            return null;
        }
        int hash = key.hashCode();
        int set = setOf(hash, c.length);
        for (int i = set; i < set + WAYS; i++) {
            Entry e = (Entry) ENTRIES.getAcquire(c, i);
            if (e != null && e.hash == hash && (e.key == key || e.key.equals(key))) {
                return e.expiresAt == StoreEntry.ETERNAL || e.expiresAt > System.currentTimeMillis() ? e.value : null;
            }
        }
        return null;
    }

    /** Adds an entry. Call under the tracker's lock, only if no catch-up ran since the lookup. */
    void put(Object key, Object value, long expiresAt) {
        Entry[] c = cells;
        if (c.length == 0) {
            return;
        }
        int hash = key.hashCode();
        int set = setOf(hash, c.length);
        int cell = -1;
        for (int i = set; i < set + WAYS; i++) {
            Entry e = c[i];
            if (e == null || (e.hash == hash && e.key.equals(key))) {
                cell = i;
                break;
            }
        }
        if (cell < 0) {
            cell = set + (nextVictim++ & (WAYS - 1));
        }
        empty = false;
        markOccupied(occupiedSets, set);
        ENTRIES.setRelease(c, cell, new Entry(key, hash, value, expiresAt));
    }

    /** Drops the entries of keys with this Java hashCode. Call under the tracker's lock. */
    void invalidate(int hash) {
        Entry[] c = cells;
        if (empty || c.length == 0) {
            return;
        }
        int set = setOf(hash, c.length);
        if (!isOccupied(occupiedSets, set)) {
            return;
        }
        for (int i = set; i < set + WAYS; i++) {
            Entry e = c[i];
            if (e != null && e.hash == hash) {
                ENTRIES.setRelease(c, i, null);
            }
        }
    }

    /** Drops everything. Call under the tracker's lock. */
    void invalidateAll() {
        Entry[] c = cells;
        if (c.length > 0 && !empty) {
            occupiedSets = setBits(c.length);
            cells = new Entry[c.length];
            empty = true;
        }
    }

    /** Grows (within the maximum) to about four cells per entry. Call under the tracker's lock. */
    void sizeFor(long entries) {
        Entry[] old = cells;
        if (old.length == 0 || old.length >= maxCells) {
            return;
        }
        int wanted = (int) Math.min(maxCells, ceilingPowerOfTwo(entries * 4));
        if (wanted <= old.length) {
            return;
        }
        Entry[] bigger = new Entry[wanted];
        long[] biggerSets = setBits(wanted);
        for (Entry e : old) {
            if (e != null) {
                int set = setOf(e.hash, wanted);
                for (int i = set; i < set + WAYS; i++) {
                    if (bigger[i] == null) {
                        bigger[i] = e;
                        markOccupied(biggerSets, set);
                        break;
                    }
                }
            }
        }
        occupiedSets = biggerSets;
        cells = bigger;
    }
}
