package io.ultracache.store;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * This process's bounded cache of decoded immutable values, so that a repeated read of an
 * unchanged entry returns the object decoded the first time and allocates nothing.
 *
 * <p>Direct-mapped: a value's cell is chosen by its (generation, location), and a new value
 * evicts whatever was in its cell. Bytes at a location never change within a generation, so a
 * cell can never be stale; a new generation simply stops matching the old cells. Cells are
 * immutable objects written and read with release/acquire, so lookups take no lock.
 */
final class HotValues {
    private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(Cell[].class);

    private static final class Cell {
        final long generation;
        final long location;
        final Object value;

        Cell(long generation, long location, Object value) {
            this.generation = generation;
            this.location = location;
            this.value = value;
        }
    }

    private final Cell[] cells;
    private final int mask;

    /** @param capacity number of cells, rounded up to a power of two; 0 disables the cache */
    HotValues(int capacity) {
        int size = capacity <= 0 ? 0 : Integer.highestOneBit(Math.max(1, capacity - 1)) << 1;
        this.cells = new Cell[size];
        this.mask = size - 1;
    }

    private int index(long generation, long location) {
        long h = (location ^ (generation * 0x9E3779B97F4A7C15L)) * 0xBF58476D1CE4E5B9L;
        return (int) (h >>> 40) & mask;
    }

    /** The cached value, or null. */
    Object get(long generation, long location) {
        if (mask < 0) {
            return null;
        }
        Cell cell = (Cell) CELLS.getAcquire(cells, index(generation, location));
        if (cell != null && cell.location == location && cell.generation == generation) {
            return cell.value;
        }
        return null;
    }

    void put(long generation, long location, Object value) {
        if (mask >= 0) {
            CELLS.setRelease(cells, index(generation, location), new Cell(generation, location, value));
        }
    }

    int capacity() {
        return cells.length;
    }
}
