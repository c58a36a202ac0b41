package io.ultracache.store;

/**
 * Counters each handle keeps in shared memory, so that totals over every process that ever used
 * a store can be read from anywhere (the command line, a management bean). A handle counts only
 * what its owner reports through {@link SharedStore#count}; the engine counts nothing itself.
 */
public enum StoreCounter {
    HITS, MISSES, PUTS, REMOVALS, EVICTIONS, GET_NANOS, PUT_NANOS, REMOVE_NANOS;

    /** Offset of this counter within a block of counters. */
    int offset() {
        return ordinal() * 8;
    }

    static final int BLOCK_LENGTH = values().length * 8;
}
