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
 * <p>Layout: open addressing with linear probing, the key and the value of a cell side by side in
 * one array, so that a hit on the very key object that filled the cell reads one cache line of
 * the table and no entry object (an object per entry, scattered among the values the misses
 * decoded, cost a second miss and measured two to three times slower than a
 * {@code ConcurrentHashMap} hit). The table is never more than half full.
 *
 * <pre>
 *   pairs:   [ k0 | v0 ][ k1 | v1 ][ -- | -- ][ k3 | v3 ] ...   cell i = pairs[2i], pairs[2i+1]
 *   hashes:  [ h0 ][ h1 ][ -- ][ h3 ] ...                       the key's hashCode, for writers
 *              ^home(h)                 a key sits at its home cell or after it, no empty cell between
 * </pre>
 *
 * The key slot of an entry that expires holds an {@link ExpiringKey}, so that the eternal entries
 * pay nothing for expiry. Lookups take no lock and allocate nothing: they read the cells between
 * two reads of {@link #version}, which every change makes odd while it runs (a sequence lock), and
 * count as a miss (then shared memory answers, which is always right) when a change ran
 * meanwhile. Dropping an entry empties its cell and moves later entries of the run back into the
 * gap (backward-shift deletion). When the table is at its largest and half full, a new entry
 * replaces the one in its home cell, or is not kept if that cell is empty.
 */
final class NearCache {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(NearCache.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int MIN_CELLS = 256;
    /** Cells per bit of {@link #occupiedBlocks}. */
    private static final int BLOCK = 4;
    private static final Object[] NO_PAIRS = new Object[0];

    /** The key slot of an entry that expires. */
    private static final class ExpiringKey {
        final Object key;
        final long expiresAt;

        ExpiringKey(Object key, long expiresAt) {
            this.key = key;
            this.expiresAt = expiresAt;
        }
    }

    private final int maxCells;
    /** Even while no change runs; changed (with release) only under the tracker's lock. */
    @SuppressWarnings("unused") // accessed through VERSION
    private volatile long version;
    /** The cells, two slots each; replaced, never changed, once a resize or clear retires it. */
    private Object[] pairs;
    /** The hashCode of each cell's key. Guarded by the tracker's lock, as is everything below. */
    private int[] hashes;
    /** Entries in the table. */
    private int count;
    /**
     * One bit per {@value #BLOCK} cells: whether an entry whose home cell is in that block may
     * exist. Dropping a key whose home block has none (most writes, in a process that reads few of
     * the keys it writes) then reads this small array instead of the cell, a cache miss.
     */
    private long[] occupiedBlocks;
    /**
     * Whether nothing was added since the last {@link #invalidateAll}: a process that only writes
     * then skips the invalidation, a cache miss per write.
     */
    private boolean empty = true;

    /** @param maxEntries most entries to keep (the table has at most twice as many cells); 0 disables the cache */
    NearCache(int maxEntries) {
        this.maxCells = maxEntries <= 0 ? 0 : Math.max(MIN_CELLS, ceilingPowerOfTwo(2L * maxEntries));
        allocate(maxEntries <= 0 ? 0 : Math.min(MIN_CELLS, maxCells));
    }

    private void allocate(int cells) {
        pairs = cells == 0 ? NO_PAIRS : new Object[2 * cells];
        hashes = new int[cells];
        occupiedBlocks = new long[Math.max(1, cells / BLOCK / Long.SIZE)];
        count = 0;
    }

    private static void markOccupied(long[] bits, int home) {
        int bit = home / BLOCK;
        bits[bit >>> 6] |= 1L << bit;
    }

    private static boolean isOccupied(long[] bits, int home) {
        int bit = home / BLOCK;
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

    /** The home cell of a hash: scrambled, since many keys' hashCodes are sequential. */
    private static int homeOf(int hash, int mask) {
        int h = hash * 0x9E3779B1;
        return (h ^ (h >>> 16)) & mask;
    }

    /** The cached value of {@code key} if it has not expired, else null. Allocates nothing. */
    Object get(Object key) {
        long seen = (long) VERSION.getAcquire(this);
        Object[] p = pairs;
        int cells = p.length >> 1;
        if ((seen & 1) != 0 || cells == 0) {
            return null;
        }
        int hash = key.hashCode();
        int mask = cells - 1;
        Object value = null;
        int i = homeOf(hash, mask);
        // at most one pass: the cells read may come from different moments of a change
        for (int probes = 0; probes < cells; probes++, i = (i + 1) & mask) {
            Object k = p[2 * i];
            if (k == null) {
                break;
            }
            if (k == key) {
                value = p[2 * i + 1];
                break;
            }
            if (k.getClass() == ExpiringKey.class) {
                ExpiringKey e = (ExpiringKey) k;
                if (e.key == key || e.key.hashCode() == hash && e.key.equals(key)) {
                    value = e.expiresAt > System.currentTimeMillis() ? p[2 * i + 1] : null;
                    break;
                }
            } else if (k.hashCode() == hash && k.equals(key)) {
                value = p[2 * i + 1];
                break;
            }
        }
        VarHandle.acquireFence(); // the cells are read before the version is read again
        return (long) VERSION.getOpaque(this) == seen ? value : null;
    }

    /** Starts a change: readers running meanwhile count their lookup as a miss. */
    private long beginChange() {
        long v = (long) VERSION.getOpaque(this);
        VERSION.setOpaque(this, v + 1);
        VarHandle.storeStoreFence(); // the odd version is seen no later than what the change writes
        return v + 2;
    }

    private void endChange(long next) {
        VERSION.setRelease(this, next);
    }

    /** Adds an entry. Call under the tracker's lock, only if no catch-up ran since the lookup. */
    void put(Object key, Object value, long expiresAt) {
        if (pairs.length == 0) {
            return;
        }
        long next = beginChange();
        try {
            if (count + 1 > cellCount() / 2 && cellCount() < maxCells) {
                resize(cellCount() * 2);
            }
            store(key, value, expiresAt);
        } finally {
            endChange(next);
        }
    }

    private int cellCount() {
        return hashes.length;
    }

    private void store(Object key, Object value, long expiresAt) {
        Object[] p = pairs;
        int[] h = hashes;
        int hash = key.hashCode();
        int mask = h.length - 1;
        Object slot = expiresAt == StoreEntry.ETERNAL ? key : new ExpiringKey(key, expiresAt);
        int home = homeOf(hash, mask);
        int cell = home;
        for (Object k; (k = p[2 * cell]) != null; cell = (cell + 1) & mask) {
            if (h[cell] == hash && keyOf(k).equals(key)) {
                p[2 * cell] = slot;
                p[2 * cell + 1] = value;
                return;
            }
        }
        if (count + 1 > h.length / 2) { // full at the largest size
            if (p[2 * home] == null) {
                return; // adding would fill the table past half: lookups need empty cells to stop at
            }
            cell = home; // replace the entry at home, keeping every run unbroken
        } else {
            count++;
        }
        empty = false;
        markOccupied(occupiedBlocks, home);
        h[cell] = hash;
        p[2 * cell] = slot;
        p[2 * cell + 1] = value;
    }

    private static Object keyOf(Object slot) {
        return slot instanceof ExpiringKey e ? e.key : slot;
    }

    /**
     * The home cell of {@code hash} if an entry with that hash may be held, else -1: most writes of
     * a process that reads few of the keys it writes end here, reading only the small block bits.
     */
    private int occupiedHome(int hash) {
        int[] h = hashes;
        if (empty || h.length == 0) {
            return -1;
        }
        int home = homeOf(hash, h.length - 1);
        return isOccupied(occupiedBlocks, home) ? home : -1;
    }

    /**
     * Drops the entries of keys with this Java hashCode: what a record names when only its hash is
     * known here. Call under the tracker's lock.
     */
    void invalidate(int hash) {
        int home = occupiedHome(hash);
        if (home < 0) {
            return;
        }
        int[] h = hashes;
        int mask = h.length - 1;
        Object[] p = pairs;
        long next = 0;
        for (int i = home; p[2 * i] != null; ) {
            if (h[i] == hash) {
                if (next == 0) {
                    next = beginChange();
                }
                removeAt(p, h, i); // moves a later entry into cell i: look at it again
            } else {
                i = (i + 1) & mask;
            }
        }
        if (next != 0) {
            endChange(next);
        }
    }

    /**
     * What a PUT of {@code key} by this process changes: the key's entry, if there is one, takes
     * {@code value} (the object the caller stored, when it may be shared), or is dropped if
     * {@code value} is null. Other keys keep their entries (keys that are not equal have
     * different bytes in the store), and no entry is added: a process that only writes keeps no
     * values. Call under the tracker's lock.
     */
    void update(Object key, int hash, Object value, long expiresAt) {
        Object[] p = pairs;
        int[] h = hashes;
        for (int i = occupiedHome(hash); i >= 0 && p[2 * i] != null; i = (i + 1) & (h.length - 1)) {
            Object k = p[2 * i];
            // the key object itself is checked first: then the cell's hash, a cache miss, is not read
            if (k == key || h[i] == hash && keyOf(k).equals(key)) {
                if (k == key && p[2 * i + 1] == value && value != null && expiresAt == StoreEntry.ETERNAL) {
                    return; // the same objects again: storing them would only cost the collector's write barrier
                }
                long next = beginChange();
                try {
                    if (value != null) {
                        p[2 * i] = expiresAt == StoreEntry.ETERNAL ? key : new ExpiringKey(key, expiresAt);
                        p[2 * i + 1] = value;
                    } else {
                        removeAt(p, h, i);
                    }
                } finally {
                    endChange(next);
                }
                return;
            }
        }
    }

    /**
     * Empties cell {@code i} and moves back every later entry of the run that may sit earlier, so
     * that no lookup stops short of its key at the gap.
     */
    private void removeAt(Object[] p, int[] h, int i) {
        int mask = h.length - 1;
        int hole = i;
        for (int j = (i + 1) & mask; p[2 * j] != null; j = (j + 1) & mask) {
            // the entry at j may fill the hole if its home is not in the cyclic range (hole, j]
            if (((j - homeOf(h[j], mask)) & mask) >= ((j - hole) & mask)) {
                h[hole] = h[j];
                p[2 * hole] = p[2 * j];
                p[2 * hole + 1] = p[2 * j + 1];
                hole = j;
            }
        }
        p[2 * hole] = null;
        p[2 * hole + 1] = null;
        count--;
    }

    /** Drops everything. Call under the tracker's lock. */
    void invalidateAll() {
        if (pairs.length > 0 && !empty) {
            long next = beginChange();
            try {
                allocate(cellCount());
                empty = true;
            } finally {
                endChange(next);
            }
        }
    }

    /** Grows (within the maximum) to about two cells per entry. Call under the tracker's lock. */
    void sizeFor(long entries) {
        int cells = cellCount();
        if (cells == 0 || cells >= maxCells) {
            return;
        }
        int wanted = (int) Math.min(maxCells, ceilingPowerOfTwo(entries * 2));
        if (wanted > cells) {
            long next = beginChange();
            try {
                resize(wanted);
            } finally {
                endChange(next);
            }
        }
    }

    /** Moves every entry into a new, larger table; the old arrays are left as they were. */
    private void resize(int cells) {
        Object[] oldPairs = pairs;
        int[] oldHashes = hashes;
        boolean wasEmpty = empty;
        allocate(cells);
        for (int i = 0; i < oldHashes.length; i++) {
            Object k = oldPairs[2 * i];
            if (k != null) {
                Object value = oldPairs[2 * i + 1];
                int hash = oldHashes[i];
                int mask = cells - 1;
                int home = homeOf(hash, mask);
                int cell = home;
                while (pairs[2 * cell] != null) {
                    cell = (cell + 1) & mask;
                }
                hashes[cell] = hash;
                pairs[2 * cell] = k;
                pairs[2 * cell + 1] = value;
                markOccupied(occupiedBlocks, home);
                count++;
            }
        }
        empty = wasEmpty;
    }
}
