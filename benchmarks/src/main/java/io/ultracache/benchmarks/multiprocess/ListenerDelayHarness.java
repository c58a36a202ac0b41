package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import java.nio.file.Path;
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
            long timeoutSeconds = VisibilityHarness.timeoutSeconds(mode);
            ChildJvm listener = ChildJvm.start("listener-reader", HEAP, ListenerDelayReader.class, List.of(directory.toString(),
                    name, String.valueOf(mode.visibilityMeasuredPuts), String.valueOf(timeoutSeconds)));
            workers.add(listener);
            Results.Visibility v = VisibilityHarness.measure(mode, subject, listener, timeoutSeconds, writerArgs -> {
                List<String> args = new ArrayList<>(List.of(subject.name(), directory.toString(), name));
                args.addAll(List.of(writerArgs));
                ChildJvm writer = ChildJvm.start("listener-writer", HEAP, VisibilityWriter.class, args);
                workers.add(writer);
                return writer;
            });
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
