package io.ultracache.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * This process's bounded cache of decoded immutable values, so that a repeated read of an
 * unchanged entry returns the object decoded the first time and allocates nothing.
 *
 * <p>Values are keyed by their origin (the write that produced them, see
 * {@link io.ultracache.stream.DumpSegment}): the bytes of one origin never change, and an origin
 * stays the same when dumps copy the entry, so a cached value is never stale and survives new
 * generations. The cache is 4-way set-associative: an origin may sit in any of the 4 cells of its
 * set, and a new value evicts one of them. Cells are immutable objects written and read with
 * release/acquire, so lookups take no lock. Beside each cell its origin is kept in a plain
 * array, as a hint: a lookup reads a cell only where the hint matches, so a miss costs one
 * cache line instead of up to four cell objects. The hint may be stale (a cell is always checked)
 * or missing (the lookup then misses, and the value is decoded again). It starts small and grows
 * with the store, up to the configured number of cells.
 */
final class HotValues {
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(Cell[].class);
    private static final int WAYS = 4;
    private static final int MIN_CELLS = 256;
    private static final Cell[] NONE = new Cell[0];

    private static final class Cell {
        final long origin;
        final Object value;

        Cell(long origin, Object value) {
            this.origin = origin;
            this.value = value;
        }
    }

    private final int maxCells;
    private volatile Cell[] cells;
    /** The origin of each cell, as a hint (see the class comment); replaced before {@link #cells} when it grows. */
    private volatile long[] origins;
    /** Picks the way to evict; races between threads only make the choice more random. */
    private int nextVictim;

    /** @param maxCells most values to keep, rounded up to a power of two; 0 disables the cache */
    HotValues(int maxCells) {
        this.maxCells = maxCells <= 0 ? 0 : Math.max(MIN_CELLS, ceilingPowerOfTwo(maxCells));
        this.cells = maxCells <= 0 ? NONE : new Cell[Math.min(MIN_CELLS, this.maxCells)];
        this.origins = new long[cells.length];
    }

    private static int ceilingPowerOfTwo(long n) {
        return (int) Math.min(1 << 30, Long.highestOneBit(Math.max(1, n - 1)) << 1);
    }

    private static int setOf(long origin, int length) {
        long h = origin * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 32) & (length - 1) & -WAYS;
    }

    /** The cached value of an origin, or null. Allocates nothing. */
    Object get(long origin) {
        Cell[] c = cells;
        long[] hints = origins;
        if (c.length == 0 || hints.length != c.length) {
            return null; // empty, or caught between the two arrays of a growth
        }
        int set = setOf(origin, c.length);
        for (int i = 0; i < WAYS; i++) {
            if (hints[set + i] != origin) {
                continue;
            }
            Cell cell = (Cell) CELLS.getAcquire(c, set + i);
            if (cell != null && cell.origin == origin) {
                return cell.value;
            }
        }
        return null;
    }

    void put(long origin, Object value) {
        Cell[] c = cells;
        long[] hints = origins;
        if (c.length == 0 || hints.length != c.length) {
            return;
        }
        int set = setOf(origin, c.length);
        int way = -1;
        for (int i = 0; i < WAYS; i++) {
            if (CELLS.getAcquire(c, set + i) == null) {
                way = i;
                break;
            }
        }
        if (way < 0) {
            way = nextVictim++ & (WAYS - 1);
        }
        CELLS.setRelease(c, set + way, new Cell(origin, value));
        hints[set + way] = origin;
    }

    /** Grows the cache (within its maximum) to about four cells per value, so sets rarely overflow. */
    void sizeFor(long entries) {
        Cell[] old = cells;
        if (old.length == 0 || old.length >= maxCells) {
            return;
        }
        int wanted = (int) Math.min(maxCells, ceilingPowerOfTwo(entries * 4));
        if (wanted <= old.length) {
            return;
        }
        Cell[] bigger = new Cell[wanted];
        long[] biggerHints = new long[wanted];
        for (Cell cell : old) {
            if (cell != null) {
                int set = setOf(cell.origin, wanted);
                for (int i = 0; i < WAYS; i++) {
                    if (bigger[set + i] == null) {
                        bigger[set + i] = cell;
                        biggerHints[set + i] = cell.origin;
                        break;
                    }
                }
            }
        }
        origins = biggerHints;
        cells = bigger;
    }

    int capacity() {
        return cells.length;
    }
}
