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

/**
 * Single-process operations on 100,000 keys, every one present: get (a hit), put (an overwrite)
 * and a 90/10 mix of the two, over uniformly random keys. The thread count is JMH's {@code -t};
 * the suite runs 1 and 2. A subject that needs JVM flags (Chronicle Map) gets them from the suite;
 * run alone, append {@code Subject.CHRONICLE_FLAGS} with {@code -jvmArgsAppend}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {ForkFlags.HEAP_MIN, ForkFlags.HEAP_MAX})
public class CacheOperationsBenchmark {
    public static final int KEY_COUNT = 100_000;
    /** Distinct values written: enough to defeat nothing, few enough to stay in cache. */
    private static final int VALUE_POOL = 1024;

    @Param({"ULTRACACHE", "ULTRACACHE_JCACHE", "CONCURRENT_HASH_MAP", "CAFFEINE_JCACHE_BY_VALUE", "CAFFEINE_JCACHE_BY_REFERENCE",
            "EHCACHE_JCACHE_BY_VALUE", "CHRONICLE_MAP", "REDIS"})
    public Subject subject;

    @Param({"SHORT_STRING", "BYTES_1K"})
    public ValueKind values;

    private String[] keys;
    private Object[] pool;
    private CacheSubject cache;
    private Path directory;

    @Setup(Level.Trial)
    public void open() {
        directory = BenchEnvironment.freshDirectory("ops");
        cache = subject.open(new SubjectConfig(values, KEY_COUNT, directory, "ops", BenchEnvironment.redisPort()));
        keys = Keys.first(KEY_COUNT);
        pool = new Object[VALUE_POOL];
        for (int i = 0; i < VALUE_POOL; i++) {
            pool[i] = values.sample(i);
        }
        cache.load(keys, i -> pool[i & (VALUE_POOL - 1)]);
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
        return cache.get(keys[cursor.next(KEY_COUNT)]);
    }

    @Benchmark
    public void put(KeyCursor cursor) {
        int i = cursor.next(KEY_COUNT);
        cache.put(keys[i], pool[i & (VALUE_POOL - 1)]);
    }

    @Benchmark
    public Object readMostly(KeyCursor cursor) {
        int i = cursor.next(KEY_COUNT);
        if (cursor.lastIsWrite()) {
            cache.put(keys[i], pool[i & (VALUE_POOL - 1)]);
            return null;
        }
        return cache.get(keys[i]);
    }
}
