package io.ultracache.benchmarks.subjects;

/** Key names shared by every workload, so every subject stores the same keys. */
public final class Keys {
    /** A sample key of the longest form, for subjects that size their storage up front. */
    public static final String SAMPLE = "key-0000000";

    private Keys() {
    }

    public static String key(int i) {
        return String.format("key-%07d", i);
    }

    /** The first {@code count} keys, created once so that the measured loops create none. */
    public static String[] first(int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = key(i);
        }
        return keys;
    }
}
