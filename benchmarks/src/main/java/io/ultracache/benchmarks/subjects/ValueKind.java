package io.ultracache.benchmarks.subjects;

import java.util.Arrays;

/** The kinds of value the workloads store, with a deterministic sample of each for sizing and writing. */
public enum ValueKind {
    /** A short String such as {@code "value-00042"}: 11 characters. */
    SHORT_STRING("short String", String.class),
    /** A byte array of 1 KiB. */
    BYTES_1K("1 KiB byte[]", byte[].class),
    /** A Long: counters and timestamps of the cross-process workloads. */
    LONG("Long", Long.class);

    public static final int BYTES_LENGTH = 1024;

    private final String label;
    private final Class<?> type;

    ValueKind(String label, Class<?> type) {
        this.label = label;
        this.type = type;
    }

    public String label() {
        return label;
    }

    public Class<?> type() {
        return type;
    }

    /** The {@code i}-th value of this kind; values of one kind all have the same serialized size. */
    public Object sample(int i) {
        switch (this) {
            case SHORT_STRING:
                return String.format("value-%05d", i % 100_000);
            case BYTES_1K: {
                byte[] b = new byte[BYTES_LENGTH];
                Arrays.fill(b, (byte) i);
                b[0] = (byte) (i >>> 8);
                return b;
            }
            case LONG:
                return (long) i;
            default:
                throw new AssertionError(this);
        }
    }
}
