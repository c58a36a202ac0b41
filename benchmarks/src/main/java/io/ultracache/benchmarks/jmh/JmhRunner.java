package io.ultracache.benchmarks.jmh;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks through JMH's API, one subject at a time so that each fork gets that
 * subject's own JVM flags, always with the GC profiler (for gc.alloc.rate.norm, bytes allocated
 * per operation). Raw JMH results are kept as JSON beside the report.
 */
public final class JmhRunner {
    public static final int[] THREADS = {1, 2};
    private static final String ALLOCATION = "gc.alloc.rate.norm";
    private static final Duration LOCK_WAIT = Duration.ofMinutes(20);

    private final RunMode mode;
    private final Path rawResults;

    public JmhRunner(RunMode mode, Path rawResults) {
        this.mode = mode;
        this.rawResults = rawResults;
    }

    /** get, put and the 90/10 mix for one subject, both value kinds, 1 and 2 threads. */
    public void runOperations(Subject subject, Results results) {
        for (int threads : THREADS) {
            String what = subject.label() + ", " + threads + " thread(s)";
            try {
                Collection<RunResult> runs = run(options(CacheOperationsBenchmark.class, subject, "ops-" + subject + "-t" + threads)
                        .threads(threads));
                for (RunResult run : runs) {
                    ValueKind values = ValueKind.valueOf(run.getParams().getParam("values"));
                    Result<?> primary = run.getPrimaryResult();
                    results.throughput.add(new Results.Throughput(subject, values, method(run), threads,
                            primary.getScore(), primary.getScoreError(), allocation(run)));
                }
                int expected = 3 * 2;
                if (runs.size() < expected) {
                    results.fail("operations", what, new IllegalStateException((expected - runs.size())
                            + " of " + expected + " benchmarks failed; see the run log"));
                }
            } catch (RunnerException | RuntimeException e) {
                results.fail("operations", what, e);
            }
        }
    }

    /** put and get at growing key counts. */
    public void runGrowth(Subject subject, Results results) {
        try {
            Collection<RunResult> runs = run(options(GrowthBenchmark.class, subject, "growth-" + subject));
            for (RunResult run : runs) {
                Result<?> primary = run.getPrimaryResult();
                results.growth.add(new Results.Growth(subject, Integer.parseInt(run.getParams().getParam("keyCount")),
                        method(run), primary.getScore(), primary.getScoreError(), allocation(run)));
            }
        } catch (RunnerException | RuntimeException e) {
            results.fail("growth", subject.label(), e);
        }
    }

    private ChainedOptionsBuilder options(Class<?> benchmark, Subject subject, String resultName) {
        List<String> flags = new ArrayList<>(List.of(ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX,
                "-D" + BenchEnvironment.DIRECTORY_PROPERTY + "=" + BenchEnvironment.runDirectory(),
                "-D" + BenchEnvironment.REDIS_PORT_PROPERTY + "=" + BenchEnvironment.redisPort()));
        flags.addAll(subject.jvmFlags());
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .param("subject", subject.name())
                .forks(1)
                .warmupIterations(mode.warmupIterations)
                .warmupTime(TimeValue.milliseconds(mode.warmupMillis))
                .measurementIterations(mode.measurementIterations)
                .measurementTime(TimeValue.milliseconds(mode.measurementMillis))
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(flags.toArray(new String[0]))
                .shouldFailOnError(false)
                .result(rawResults.resolve(resultName + ".json").toString())
                .resultFormat(ResultFormatType.JSON);
    }

    /**
     * Runs, waiting while another JMH run on this machine holds JMH's lock (/tmp/jmh.lock): on a
     * shared machine two JMH runs at once would measure each other.
     */
    private static Collection<RunResult> run(ChainedOptionsBuilder options) throws RunnerException {
        long deadline = System.nanoTime() + LOCK_WAIT.toNanos();
        while (true) {
            try {
                return new Runner(options.build()).run();
            } catch (RunnerException e) {
                if (!String.valueOf(e.getMessage()).contains("JMH lock") || System.nanoTime() > deadline) {
                    throw e;
                }
                System.out.println("another JMH run holds /tmp/jmh.lock; waiting for it");
                try {
                    Thread.sleep(10_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static String method(RunResult run) {
        String benchmark = run.getParams().getBenchmark();
        return benchmark.substring(benchmark.lastIndexOf('.') + 1);
    }

    private static double allocation(RunResult run) {
        Result<?> r = run.getSecondaryResults().get(ALLOCATION);
        return r == null ? Double.NaN : r.getScore();
    }
}
