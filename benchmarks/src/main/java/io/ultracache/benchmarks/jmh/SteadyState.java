package io.ultracache.benchmarks.jmh;

import io.ultracache.benchmarks.subjects.CacheSubject;

/**
 * Brings a freshly loaded subject to the state its measured loop runs in, the same way for every
 * subject: every key is read once (so a cache that fills on reads, such as UltraCache's near cache,
 * is warm, and a lost key fails the run), then the heap is collected. Without the collection the
 * figures depended on where the garbage collector happened to leave the objects a subject filled
 * in: single-fork runs of one UltraCache get varied from 5.0 to 14.7 Mops/s.
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
