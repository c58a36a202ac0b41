package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Cross-process listener delay, UltraCache's JCache alone (no peer has cross-process listeners):
 * a {@link ListenerDelayReader} JVM listens, a {@link VisibilityWriter} JVM puts timestamps
 * through UltraCache's JCache provider at the visibility measurement's pace; the listener's
 * percentiles are the result.
 */
public final class ListenerDelayHarness {
    private static final List<String> HEAP = List.of("-Xms256m", "-Xmx256m");

    private ListenerDelayHarness() {
    }

    public static void run(RunMode mode, Results results) {
        Subject subject = Subject.ULTRACACHE_JCACHE;
        System.out.println("== listener delay: " + subject.label());
        Path directory = BenchEnvironment.freshDirectory("listener");
        String name = "listener";
        List<ChildJvm> workers = new ArrayList<>();
        try {
            int puts = mode.visibilityWarmupPuts + mode.visibilityMeasuredPuts;
            long timeoutSeconds = 60 + puts * VisibilityHarness.INTERVAL_NANOS * 3 / 1_000_000_000L;
            ChildJvm listener = ChildJvm.start("listener-reader", HEAP, ListenerDelayReader.class, List.of(directory.toString(),
                    name, String.valueOf(mode.visibilityMeasuredPuts), String.valueOf(timeoutSeconds)));
            workers.add(listener);
            listener.awaitLine("READY", Duration.ofMinutes(2));
            ChildJvm writer = ChildJvm.start("listener-writer", HEAP, VisibilityWriter.class, List.of(subject.name(),
                    directory.toString(), name, String.valueOf(mode.visibilityWarmupPuts),
                    String.valueOf(mode.visibilityMeasuredPuts), String.valueOf(VisibilityHarness.INTERVAL_NANOS)));
            workers.add(writer);
            writer.awaitLine("READY", Duration.ofMinutes(2));
            writer.send("GO");
            String[] w = writer.awaitLine("DONE", Duration.ofSeconds(timeoutSeconds)).split(" ");
            String[] r = listener.awaitLine("RESULT", Duration.ofMinutes(1)).split(" ");
            Results.Visibility v = new Results.Visibility(subject, Integer.parseInt(r[1]), Integer.parseInt(w[1]),
                    Long.parseLong(r[2]), Long.parseLong(r[3]), Long.parseLong(r[4]), Long.parseLong(r[5]), Long.parseLong(r[6]),
                    Long.parseLong(w[2]), Long.parseLong(w[3]));
            System.out.println("   " + v);
            results.listenerDelay.add(v);
        } catch (RuntimeException e) {
            results.fail("listener delay", subject.label(), e);
        } finally {
            ChildJvm.closeAll(workers);
            BenchEnvironment.deleteRecursively(directory);
        }
    }
}
