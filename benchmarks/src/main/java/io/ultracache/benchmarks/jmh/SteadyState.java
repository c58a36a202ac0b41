package io.ultracache.benchmarks.jmh;

import io.ultracache.benchmarks.subjects.CacheSubject;

/**
 * Brings a freshly loaded subject to the state its measured loop runs in, the same way for every
 * subject: every key is read once (so a cache that fills on reads, such as UltraCache's near cache,
 * is warm, and a lost key fails the run), then the heap is collected, so that every subject starts
 * from a collected heap rather than from wherever loading left its objects.
 */
final class SteadyState {
    private SteadyState() {
    }

    static void reach(Object subject, CacheSubject cache, String[] keys) {
        for (String key : keys) {
            if (cache.get(key) == null) {
                throw new IllegalStateException(subject + " lost key " + key + " after loading");
            }
        }
        System.gc();
    }
}
