package io.ultracache.benchmarks.serial;

import io.ultracache.serial.FstSerializer;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link SerializerBenchmark} with the GC profiler (allocation per operation) and FST's JVM
 * flags in the fork. Other JMH options may be given as arguments, e.g. {@code -p payload=pojo}.
 */
public final class SerializerBenchmarkMain {
    private SerializerBenchmarkMain() {
    }

    public static void main(String[] args) throws RunnerException, CommandLineOptionException {
        Options options = new OptionsBuilder()
                .parent(new CommandLineOptions(args))
                .include(SerializerBenchmark.class.getName())
                .addProfiler(GCProfiler.class)
                .jvmArgsAppend(FstSerializer.REQUIRED_JVM_OPTIONS.toArray(new String[0]))
                .build();
        new Runner(options).run();
    }
}
