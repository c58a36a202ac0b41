package io.ultracache.benchmarks.jmh;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Each benchmark thread's own pseudo-random walk over the keys (xorshift64*): uniform over the
 * key set, different per thread, and free of allocation and shared state.
 */
@State(Scope.Thread)
public class KeyCursor {
    private static final java.util.concurrent.atomic.AtomicLong SEEDS = new java.util.concurrent.atomic.AtomicLong(0x9E3779B97F4A7C15L);
    private long x = SEEDS.getAndAdd(0x632BE59BD9B4E019L) | 1;
    private long last;

    private long step() {
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        last = x * 0x2545F4914F6CDD1DL;
        return last;
    }

    /** The next key index in {@code [0, bound)}. */
    public int next(int bound) {
        return (int) (((step() >>> 32) * bound) >>> 32);
    }

    /** Whether the operation drawn by the last {@link #next} is a write of a 90/10 read/write mix (102 of 1024: 9.96 %). */
    public boolean lastIsWrite() {
        return (last & 1023) < 102;
    }
}
