package io.ultracache.benchmarks.serial;

import io.ultracache.serial.ByteSink;
import io.ultracache.serial.ByteSource;
import io.ultracache.serial.ClassAllowList;
import io.ultracache.serial.ForySerializer;
import io.ultracache.serial.FstSerializer;
import io.ultracache.serial.JdkSerializer;
import io.ultracache.serial.Serializer;
import io.ultracache.serial.Serializers;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serialize then deserialize one value, as the store does it: into a reused sink, out of a reused
 * source. Run with {@code -prof gc} for the bytes allocated per operation.
 *
 * <p>Serializers: the names a user chooses ({@code standard}, {@code fst}, {@code fory}: each the
 * built-in codecs then its fallback, so strings, numbers and byte arrays never reach the fallback),
 * plus the fallbacks alone ({@code jdk}, {@code fst-only}, {@code fory-only}) to compare the
 * libraries on every payload. FST needs its {@code --add-opens} flags in the fork: run through
 * {@link SerializerBenchmarkMain}, which adds {@link FstSerializer#REQUIRED_JVM_OPTIONS}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerializerBenchmark {
    @Param({"standard", "jdk", "fst", "fst-only", "fory", "fory-only"})
    public String serializer;

    @Param({"string", "long", "pojo", "bytes1k"})
    public String payload;

    private Serializer subject;
    private Object value;

    /** Buffers of one thread, reused as the store reuses its per-thread sink and source. */
    @State(Scope.Thread)
    public static class Buffers {
        final ByteSink sink = new ByteSink(4096);
        final ByteSource source = new ByteSource();
    }

    @Setup
    public void setUp() {
        ClassLoader loader = SerializerBenchmark.class.getClassLoader();
        switch (serializer) {
            case "jdk":
                subject = new JdkSerializer(loader, ClassAllowList.unrestricted());
                break;
            case "fst-only":
                subject = new FstSerializer(loader, ClassAllowList.unrestricted());
                break;
            case "fory-only":
                subject = new ForySerializer(loader, ClassAllowList.unrestricted());
                break;
            default:
                subject = Serializers.byName(serializer, loader);
        }
        value = payload(payload);
        Object decoded = roundTrip(new Buffers());
        if (!Objects.deepEquals(value, decoded)) {
            throw new IllegalStateException(serializer + " does not round-trip " + payload);
        }
    }

    static Object payload(String name) {
        switch (name) {
            case "string":
                return "user:42:profile";
            case "long":
                return 1_234_567_890_123L;
            case "pojo":
                return new BenchPojo(42, "espresso cup", 6, 12.5, true);
            case "bytes1k": {
                byte[] bytes = new byte[1024];
                Arrays.fill(bytes, (byte) 7);
                return bytes;
            }
            default:
                throw new IllegalArgumentException(name);
        }
    }

    @Benchmark
    public Object roundTrip(Buffers buffers) {
        ByteSink sink = buffers.sink;
        sink.reset();
        subject.write(value, sink);
        return subject.read(buffers.source.wrap(sink.array(), 0, sink.length()));
    }
}
