package io.ultracache.benchmarks.report;

import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Everything one run of the suite measured, in the order it was measured; what the report is written from. */
public final class Results {
    /** A JMH result of the single-process workloads. {@code allocBytesPerOp} is gc.alloc.rate.norm. */
    public record Throughput(Subject subject, ValueKind values, String operation, int threads, double opsPerMicro,
                             double error, double allocBytesPerOp) {
    }

    /** A JMH result of the growth workload (UltraCache, short String, 1 thread). */
    public record Growth(Subject subject, int keys, String operation, double opsPerMicro, double error, double allocBytesPerOp) {
    }

    /**
     * Put-in-one-JVM to get-in-another delays (or, in {@link #listenerDelay}, to a listener's callback in
     * another), nanoseconds; {@code samples} of {@code puts} puts were seen (a slow reader misses some);
     * {@code putP50}/{@code putP99}: the writer's put call alone.
     */
    public record Visibility(Subject subject, int samples, int puts, long p50, long p90, long p99, long p999, long max,
                             long putP50, long putP99) {
    }

    /** Contended increments: total over all JVMs in the common window; {@code check} says how the counters' sum compared. */
    public record Increments(Subject subject, int jvms, int keys, double opsPerSecond, boolean verified, String check) {
    }

    /** Sums over the reading JVMs of /proc/PID/smaps_rollup, kB; segment bytes as files. */
    public record Memory(Subject subject, int jvms, int entries, long baselinePssKb, long pssKb, long baselineRssKb,
                         long rssKb, long segmentApparentBytes, long segmentAllocatedBytes) {
        public long pssGrowthKb() {
            return pssKb - baselinePssKb;
        }

        public long rssGrowthKb() {
            return rssKb - baselineRssKb;
        }
    }

    /** A measurement that could not be made. */
    public record Failure(String section, String what, String message) {
    }

    public final List<Throughput> throughput = new ArrayList<>();
    public final List<Growth> growth = new ArrayList<>();
    public final List<Visibility> visibility = new ArrayList<>();
    public final List<Visibility> listenerDelay = new ArrayList<>();
    public final List<Increments> increments = new ArrayList<>();
    public final List<Memory> memory = new ArrayList<>();
    public final List<Failure> failures = new ArrayList<>();

    public synchronized void fail(String section, String what, Throwable error) {
        String message = String.valueOf(error.getMessage()).replace('\n', ' ');
        failures.add(new Failure(section, what, error.getClass().getSimpleName() + ": " + message));
        System.err.println("FAILED " + section + " / " + what + ": " + error);
    }

    public Optional<Throughput> throughput(Subject subject, ValueKind values, String operation, int threads) {
        return throughput.stream().filter(t -> t.subject() == subject && t.values() == values
                && t.operation().equals(operation) && t.threads() == threads).findFirst();
    }

    public Optional<Growth> growth(int keys, String operation) {
        return growth.stream().filter(g -> g.keys() == keys && g.operation().equals(operation)).findFirst();
    }

    public Optional<Visibility> visibility(Subject subject) {
        return visibility.stream().filter(v -> v.subject() == subject).findFirst();
    }

    public Optional<Increments> increments(Subject subject, int jvms, int keys) {
        return increments.stream().filter(i -> i.subject() == subject && i.jvms() == jvms && i.keys() == keys).findFirst();
    }

    public Optional<Memory> memory(Subject subject, int jvms) {
        return memory.stream().filter(m -> m.subject() == subject && m.jvms() == jvms).findFirst();
    }
}
