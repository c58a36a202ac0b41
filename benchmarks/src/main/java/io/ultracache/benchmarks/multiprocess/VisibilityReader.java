package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.util.Arrays;

/**
 * JVM B of the visibility measurement: reads the writer's key in a tight loop and, each time it
 * sees a new timestamp, records {@code System.nanoTime()} minus that timestamp: the time from
 * the start of the put in JVM A to the first get in JVM B that returns it (CLOCK_MONOTONIC, the
 * same clock in both processes on Linux). Records only after the writer's warm-up marker.
 * <p>Arguments: SUBJECT DIR NAME MAX_SAMPLES TIMEOUT_SECONDS. Reports
 * {@code RESULT count p50 p90 p99 p999 max} in nanoseconds.
 */
public final class VisibilityReader {
    private VisibilityReader() {
    }

    public static void main(String[] args) {
        Subject subject = Subject.valueOf(args[0]);
        long[] latencies = new long[Integer.parseInt(args[3])];
        long deadline = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        int count = 0;
        boolean measuring = false;
        try (CacheSubject cache = subject.open(SubjectAdmin.config(subject, args[1], args[2], ValueKind.LONG, 1))) {
            WorkerIo.report("READY");
            long last = Long.MIN_VALUE;
            for (long polls = 0; ; polls++) {
                Object value = cache.get(VisibilityWriter.KEY);
                long now = System.nanoTime();
                if (value != null) {
                    long stamp = (Long) value;
                    if (stamp != last) {
                        last = stamp;
                        if (stamp == VisibilityWriter.DONE) {
                            break;
                        } else if (stamp == VisibilityWriter.MEASURE) {
                            measuring = true;
                        } else if (measuring && count < latencies.length) {
                            latencies[count++] = now - stamp;
                        }
                    }
                }
                if ((polls & 1023) == 0 && now > deadline) {
                    throw new IllegalStateException("the writer did not finish before the reader's deadline; "
                            + count + " samples");
                }
            }
        }
        long[] sorted = Arrays.copyOf(latencies, count);
        Arrays.sort(sorted);
        WorkerIo.report("RESULT " + count + " " + percentile(sorted, 0.50) + " " + percentile(sorted, 0.90) + " "
                + percentile(sorted, 0.99) + " " + percentile(sorted, 0.999) + " " + (count == 0 ? 0 : sorted[count - 1]));
    }

    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }
}
