package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Keys;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.util.SplittableRandom;

/**
 * One of the JVMs of the contended-increment measurement: after "GO startAt" it increments
 * counters (one key, or random keys among KEYS) with the subject's own atomic mechanism, for
 * a warm-up and then a measured window, both fixed in System.nanoTime() so that every worker
 * measures the same interval. Reports {@code RESULT measured total}: increments in the window,
 * and all increments made (to check against the counters' sum).
 * <p>Arguments: SUBJECT DIR NAME KEYS WARMUP_MILLIS MEASURE_MILLIS
 */
public final class IncrementWorker {
    private IncrementWorker() {
    }

    public static void main(String[] args) throws InterruptedException {
        Subject subject = Subject.valueOf(args[0]);
        int keyCount = Integer.parseInt(args[3]);
        long warmupNanos = Long.parseLong(args[4]) * 1_000_000L;
        long measureNanos = Long.parseLong(args[5]) * 1_000_000L;
        String[] keys = Keys.first(keyCount);
        SplittableRandom random = new SplittableRandom(ProcessHandle.current().pid());
        try (CacheSubject cache = subject.open(SubjectAdmin.config(subject, args[1], args[2], ValueKind.LONG, keyCount))) {
            WorkerIo.report("READY");
            long startAt = Long.parseLong(WorkerIo.expect("GO").substring(3).trim());
            WorkerIo.waitUntil(startAt);
            long measureFrom = startAt + warmupNanos;
            long measureTo = measureFrom + measureNanos;
            long total = 0;
            long atMeasureStart = -1;
            while (true) {
                // check the clock every 16 increments: cheap next to an increment, precise enough against a window of seconds
                for (int i = 0; i < 16; i++) {
                    cache.increment(keys[keyCount == 1 ? 0 : random.nextInt(keyCount)]);
                }
                total += 16;
                long now = System.nanoTime();
                if (atMeasureStart < 0 && now >= measureFrom) {
                    atMeasureStart = total;
                }
                if (now >= measureTo) {
                    break;
                }
            }
            WorkerIo.report("RESULT " + (total - atMeasureStart) + " " + total);
        }
    }
}
