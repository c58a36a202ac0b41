package io.ultracache.benchmarks.jmh;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Keys;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.SubjectConfig;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * How put and get throughput hold up as the store grows: short String values, 1 thread, over
 * 1,000, 100,000 and 1,000,000 keys, all present. A put overwrites a random key, so the stream
 * keeps filling and dumps of the whole store keep being written: this is where UltraDict
 * collapses (its fixed-size stream makes every dump O(size)).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(1)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class GrowthBenchmark {
    @Param({"ULTRACACHE"})
    public Subject subject;

    @Param({"1000", "100000", "1000000"})
    public int keyCount;

    private String[] keys;
    private Object[] pool;
    private CacheSubject cache;
    private Path directory;

    @Setup(Level.Trial)
    public void open() {
        directory = BenchEnvironment.freshDirectory("growth");
        cache = subject.open(new SubjectConfig(ValueKind.SHORT_STRING, keyCount, directory, "growth", BenchEnvironment.redisPort()));
        keys = Keys.first(keyCount);
        pool = new Object[1024];
        for (int i = 0; i < pool.length; i++) {
            pool[i] = ValueKind.SHORT_STRING.sample(i);
        }
        cache.load(keys, i -> pool[i & 1023]);
        SteadyState.reach(subject, cache, keys);
    }

    @TearDown(Level.Trial)
    public void close() {
        try {
            cache.destroy();
        } finally {
            BenchEnvironment.deleteRecursively(directory);
        }
    }

    @Benchmark
    public Object get(KeyCursor cursor) {
        return cache.get(keys[cursor.next(keyCount)]);
    }

    @Benchmark
    public void put(KeyCursor cursor) {
        int i = cursor.next(keyCount);
        cache.put(keys[i], pool[i & 1023]);
    }
}
