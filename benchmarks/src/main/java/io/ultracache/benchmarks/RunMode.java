package io.ultracache.benchmarks;

/** How long each measurement runs: {@code quick} is a smoke run that checks everything works; {@code full} is the one to quote. */
public enum RunMode {
    QUICK(1, 500, 1, 1000, 2_000, 5_000, 1_000, 2_000, 100_000),
    FULL(3, 1000, 5, 1000, 20_000, 50_000, 5_000, 5_000, 1_000_000);

    /** JMH warm-up iterations and their length. */
    public final int warmupIterations;
    public final int warmupMillis;
    /** JMH measurement iterations and their length. */
    public final int measurementIterations;
    public final int measurementMillis;
    /** Visibility: puts before the measured ones, and measured puts. */
    public final int visibilityWarmupPuts;
    public final int visibilityMeasuredPuts;
    /**
     * Increments: warm-up and measured window of every worker. Four fresh JVMs on two cores were
     * still JIT-compiling 1 s into a window that followed a 2 s warm-up (the C2 threads took more
     * CPU than the workers over a worker's life), so the full run warms up for 5 s.
     */
    public final int incrementWarmupMillis;
    public final int incrementMeasureMillis;
    /** Memory: entries of 1 KiB (the target is stated for 1,000,000). */
    public final int memoryEntries;

    RunMode(int warmupIterations, int warmupMillis, int measurementIterations, int measurementMillis,
            int visibilityWarmupPuts, int visibilityMeasuredPuts, int incrementWarmupMillis, int incrementMeasureMillis,
            int memoryEntries) {
        this.warmupIterations = warmupIterations;
        this.warmupMillis = warmupMillis;
        this.measurementIterations = measurementIterations;
        this.measurementMillis = measurementMillis;
        this.visibilityWarmupPuts = visibilityWarmupPuts;
        this.visibilityMeasuredPuts = visibilityMeasuredPuts;
        this.incrementWarmupMillis = incrementWarmupMillis;
        this.incrementMeasureMillis = incrementMeasureMillis;
        this.memoryEntries = memoryEntries;
    }
}
