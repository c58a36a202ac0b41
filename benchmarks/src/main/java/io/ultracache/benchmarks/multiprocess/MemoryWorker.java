package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Keys;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;

/**
 * A JVM of the memory measurement. Modes:
 * <ul>
 *   <li>{@code load}: fills a shared subject with ENTRIES values of 1 KiB, closes it (the data
 *   stay) and exits;</li>
 *   <li>{@code attach}: reports BASELINE, waits for GO, attaches to the loaded shared subject and
 *   reads every entry (so every page it needs is mapped and touched), reports READY, waits for
 *   EXIT;</li>
 *   <li>{@code own}: the same, but loads its own copy (an in-process cache).</li>
 * </ul>
 * The harness reads this process's /proc/PID/smaps_rollup at BASELINE and at READY.
 * <p>Arguments: SUBJECT DIR NAME MODE ENTRIES
 */
public final class MemoryWorker {
    private MemoryWorker() {
    }

    public static void main(String[] args) {
        Subject subject = Subject.valueOf(args[0]);
        String mode = args[3];
        int entries = Integer.parseInt(args[4]);
        String[] keys = Keys.first(entries);
        if (mode.equals("load")) {
            long start = System.nanoTime();
            try (CacheSubject cache = open(subject, args, entries)) {
                cache.load(keys, ValueKind.BYTES_1K::sample);
            }
            WorkerIo.report("LOADED " + (System.nanoTime() - start) / 1_000_000);
            return;
        }
        System.gc();
        WorkerIo.report("BASELINE");
        WorkerIo.expect("GO");
        try (CacheSubject cache = open(subject, args, entries)) {
            if (mode.equals("own")) {
                cache.load(keys, ValueKind.BYTES_1K::sample);
            }
            long bytes = 0;
            for (String key : keys) {
                Object value = cache.get(key);
                if (value == null) {
                    throw new IllegalStateException("missing " + key);
                }
                bytes += ((byte[]) value).length;
            }
            System.gc();
            WorkerIo.report("READY " + bytes);
            WorkerIo.expect("EXIT");
        }
    }

    private static CacheSubject open(Subject subject, String[] args, int entries) {
        return subject.open(SubjectAdmin.config(subject, args[1], args[2], ValueKind.BYTES_1K, entries));
    }
}
