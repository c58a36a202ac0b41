package io.ultracache.store;

import java.util.Arrays;

/** A list of live entries of one view, as locations: of the key, of the value, and the expiry. */
final class LiveEntries {
    private long[] keys;
    private long[] values;
    private long[] expiries;
    private int size;

    LiveEntries(int expected) {
        int capacity = Math.max(16, expected);
        keys = new long[capacity];
        values = new long[capacity];
        expiries = new long[capacity];
    }

    void add(long keyLocation, long valueLocation, long expiresAt) {
        if (size == keys.length) {
            int capacity = keys.length * 2;
            keys = Arrays.copyOf(keys, capacity);
            values = Arrays.copyOf(values, capacity);
            expiries = Arrays.copyOf(expiries, capacity);
        }
        keys[size] = keyLocation;
        values[size] = valueLocation;
        expiries[size] = expiresAt;
        size++;
    }

    int size() {
        return size;
    }

    long keyLocation(int i) {
        return keys[i];
    }

    long valueLocation(int i) {
        return values[i];
    }

    long expiresAt(int i) {
        return expiries[i];
    }
}
