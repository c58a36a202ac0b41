package io.ultracache.benchmarks.subjects;

import java.util.function.IntFunction;

/**
 * One cache measured by the benchmarks, seen as a map from String keys to values of one
 * {@link ValueKind}. Implementations add nothing of their own on the measured path: each call
 * goes straight to the cache's own API.
 */
public interface CacheSubject extends AutoCloseable {

    Object get(String key);

    void put(String key, Object value);

    /** Writes {@code keys[i] -> valueOf(i)} for every key: setup, never measured, so subjects may batch. */
    default void load(String[] keys, IntFunction<Object> valueOf) {
        for (int i = 0; i < keys.length; i++) {
            put(keys[i], valueOf.apply(i));
        }
    }

    /**
     * Adds one to the Long at {@code key} (absent counts as 0) atomically, across processes for
     * the shared subjects, with the cache's own mechanism for it.
     */
    default void increment(String key) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " has no cross-process increment");
    }

    /** Detaches this process; shared data stay for other processes. */
    @Override
    void close();

    /** Removes shared data, if the subject has any (segments, files, Redis keys); then closes. */
    default void destroy() {
        close();
    }
}
