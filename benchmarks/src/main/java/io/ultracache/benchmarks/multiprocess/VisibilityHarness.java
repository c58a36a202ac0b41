package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/**
 * Cross-process visibility: a {@link VisibilityWriter} JVM puts timestamps, a
 * {@link VisibilityReader} JVM polls for them; the reader's percentiles are the result. Both JVMs
 * busy-spin, one per core of a 2-core machine.
 */
public final class VisibilityHarness {
    /** Time between puts: long enough for a reader to see each one, even Redis's (a round trip per poll). */
    static final long INTERVAL_NANOS = 100_000;
    private static final List<String> HEAP = List.of("-Xms256m", "-Xmx256m");

    private VisibilityHarness() {
    }

    /** Seconds a reader or writer may take for the mode's puts before it is deemed stuck. */
    static long timeoutSeconds(RunMode mode) {
        int puts = mode.visibilityWarmupPuts + mode.visibilityMeasuredPuts;
        return 60 + puts * INTERVAL_NANOS * 3 / 1_000_000_000L;
    }

    /**
     * Once {@code reader} is ready, starts a {@link VisibilityWriter} (with its last three
     * arguments: warm-up puts, measured puts, interval), lets it put, and returns the reader's result.
     */
    static Results.Visibility measure(RunMode mode, Subject subject, ChildJvm reader, long timeoutSeconds,
                                      Function<String[], ChildJvm> startWriter) {
        reader.awaitLine("READY", Duration.ofMinutes(2));
        ChildJvm writer = startWriter.apply(new String[] {String.valueOf(mode.visibilityWarmupPuts),
                String.valueOf(mode.visibilityMeasuredPuts), String.valueOf(INTERVAL_NANOS)});
        writer.awaitLine("READY", Duration.ofMinutes(2));
        writer.send("GO");
        String[] w = writer.awaitLine("DONE", Duration.ofSeconds(timeoutSeconds)).split(" ");
        String[] r = reader.awaitLine("RESULT", Duration.ofMinutes(1)).split(" ");
        return new Results.Visibility(subject, Integer.parseInt(r[1]), Integer.parseInt(w[1]),
                Long.parseLong(r[2]), Long.parseLong(r[3]), Long.parseLong(r[4]), Long.parseLong(r[5]), Long.parseLong(r[6]),
                Long.parseLong(w[2]), Long.parseLong(w[3]));
    }

    public static void run(RunMode mode, List<Subject> subjects, Results results) {
        for (Subject subject : subjects) {
            System.out.println("== visibility: " + subject.label());
            try (SharedSubjectSession session = new SharedSubjectSession(subject, "visibility", ValueKind.LONG, 1, HEAP)) {
                long timeoutSeconds = timeoutSeconds(mode);
                ChildJvm reader = session.start("reader", VisibilityReader.class,
                        String.valueOf(mode.visibilityMeasuredPuts), String.valueOf(timeoutSeconds));
                Results.Visibility v = measure(mode, subject, reader, timeoutSeconds,
                        writerArgs -> session.start("writer", VisibilityWriter.class, writerArgs));
                System.out.println("   " + v);
                results.visibility.add(v);
            } catch (RuntimeException e) {
                results.fail("visibility", subject.label(), e);
            }
        }
    }
}
