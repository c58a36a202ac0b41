package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Contended atomic increments by 2 and 4 JVMs, on one key and on 1,000 keys. All workers start
 * their clocks at one instant chosen once every worker has attached; the result is the sum of the
 * increments made in the common measured window divided by its length. Afterwards the counters
 * are added up in another JVM and compared with the increments the workers made: a lost update
 * would show there.
 */
public final class IncrementHarness {
    public static final int[] JVM_COUNTS = {2, 4};
    public static final int[] KEY_COUNTS = {1, 1_000};
    private static final List<String> HEAP = List.of("-Xms256m", "-Xmx256m");

    private IncrementHarness() {
    }

    public static void run(RunMode mode, List<Subject> subjects, Results results) {
        for (Subject subject : subjects) {
            for (int jvms : JVM_COUNTS) {
                for (int keys : KEY_COUNTS) {
                    String what = subject.label() + ", " + jvms + " JVMs, " + keys + " key(s)";
                    System.out.println("== increments: " + what);
                    try {
                        Results.Increments result = measure(mode, subject, jvms, keys);
                        System.out.println("   " + result);
                        results.increments.add(result);
                    } catch (RuntimeException e) {
                        results.fail("increments", what, e);
                    }
                }
            }
        }
    }

    private static Results.Increments measure(RunMode mode, Subject subject, int jvms, int keys) {
        try (SharedSubjectSession session = new SharedSubjectSession(subject, "increments", ValueKind.LONG, keys, HEAP)) {
            List<ChildJvm> workers = new ArrayList<>();
            for (int i = 0; i < jvms; i++) {
                workers.add(session.start("incrementer-" + i, IncrementWorker.class, String.valueOf(keys),
                        String.valueOf(mode.incrementWarmupMillis), String.valueOf(mode.incrementMeasureMillis)));
            }
            for (ChildJvm worker : workers) {
                worker.awaitLine("READY", Duration.ofMinutes(2));
            }
            long startAt = System.nanoTime() + 200_000_000L;
            for (ChildJvm worker : workers) {
                worker.send("GO " + startAt);
            }
            Duration timeout = Duration.ofMillis(mode.incrementWarmupMillis + mode.incrementMeasureMillis).plusMinutes(2);
            long measured = 0;
            long total = 0;
            for (ChildJvm worker : workers) {
                String[] r = worker.awaitLine("RESULT", timeout).split(" ");
                measured += Long.parseLong(r[1]);
                total += Long.parseLong(r[2]);
            }
            for (ChildJvm worker : workers) {
                worker.awaitExit(Duration.ofMinutes(1));
            }
            long sum = Long.parseLong(session.admin("sum", "SUM", String.valueOf(keys)).split(" ")[1]);
            boolean verified = sum == total;
            String check = "counters sum " + sum + ", increments made " + total;
            return new Results.Increments(subject, jvms, keys, measured * 1000.0 / mode.incrementMeasureMillis, verified, check);
        }
    }
}
