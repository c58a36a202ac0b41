package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.util.Arrays;

/**
 * JVM A of the visibility measurement: puts {@code System.nanoTime()}, taken just before the put
 * starts, under one key, at a fixed interval (busy-waiting between puts, so the writer stays
 * hot). Marks the end of warm-up with {@link #MEASURE} and the end with {@link #DONE}, each held
 * for 20 ms so the reader cannot miss it. Also times each measured put call itself, to tell the
 * writer's share of the delay from the reader's: reports {@code DONE puts putP50 putP99}.
 * <p>Arguments: SUBJECT DIR NAME WARMUP_PUTS MEASURED_PUTS INTERVAL_NANOS
 */
public final class VisibilityWriter {
    static final String KEY = "probe";
    static final long MEASURE = -2;
    static final long DONE = -1;

    private VisibilityWriter() {
    }

    public static void main(String[] args) throws InterruptedException {
        Subject subject = Subject.valueOf(args[0]);
        int warmup = Integer.parseInt(args[3]);
        int measured = Integer.parseInt(args[4]);
        long interval = Long.parseLong(args[5]);
        try (CacheSubject cache = subject.open(SubjectAdmin.config(subject, args[1], args[2], ValueKind.LONG, 1))) {
            WorkerIo.report("READY");
            WorkerIo.expect("GO");
            putAtInterval(cache, warmup, interval, new long[warmup]);
            cache.put(KEY, MEASURE);
            Thread.sleep(20);
            long[] putNanos = new long[measured];
            putAtInterval(cache, measured, interval, putNanos);
            cache.put(KEY, DONE);
            Thread.sleep(20);
            Arrays.sort(putNanos);
            WorkerIo.report("DONE " + measured + " " + VisibilityReader.percentile(putNanos, 0.5) + " "
                    + VisibilityReader.percentile(putNanos, 0.99));
        }
    }

    private static void putAtInterval(CacheSubject cache, int count, long interval, long[] putNanos) {
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            cache.put(KEY, start);
            putNanos[i] = System.nanoTime() - start;
            while (System.nanoTime() - start < interval) {
                Thread.onSpinWait();
            }
        }
    }
}
