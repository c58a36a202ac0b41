package io.ultracache.benchmarks.jmh;

/** JVM flags every JMH fork runs with (the suite appends each subject's own flags to these). */
public final class ForkFlags {
    /** A fixed heap, large enough for 100,000 entries of 1 KiB in the on-heap peers, so no run resizes its heap. */
    public static final String HEAP_MIN = "-Xms2g";
    public static final String HEAP_MAX = "-Xmx2g";

    private ForkFlags() {
    }
}
