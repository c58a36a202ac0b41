package io.ultracache.serial;

import static io.ultracache.serial.Codec.decode;
import static io.ultracache.serial.Codec.encode;
import static io.ultracache.serial.Codec.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fory as the fallback, in this JVM (it needs no flags): round trips, threads, the allow-list. */
class ForySerializerTest {
    private final ClassLoader loader = getClass().getClassLoader();
    private final Serializer fory = Serializers.byName("fory", loader);

    @Test
    void userTypesRoundTripAndSingletonsStaySingle() {
        for (Map.Entry<String, Object> sample : Samples.userTypes().entrySet()) {
            Object decoded = roundTrip(fory, sample.getValue());
            assertTrue(Samples.matches(sample.getValue(), decoded), sample.getKey() + ": read " + Samples.show(decoded));
        }
        assertSame(SampleSingleton.INSTANCE, roundTrip(fory, SampleSingleton.INSTANCE));
        assertEquals(0, encode(fory, SamplePojo.typical())[0], "the chain hands user types to Fory");
    }

    /** Fory instances are not thread-safe: one serializer used by many threads at once must still be right. */
    @Test
    void oneSerializerServesManyThreadsAtOnce() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                tasks.add(() -> {
                    int wrong = 0;
                    for (int i = 0; i < 2000; i++) {
                        SampleKey value = new SampleKey("thread-" + thread, i);
                        if (!value.equals(roundTrip(fory, value))) {
                            wrong++;
                        }
                    }
                    return wrong;
                });
            }
            int wrong = 0;
            for (Future<Integer> result : pool.invokeAll(tasks, 120, TimeUnit.SECONDS)) {
                wrong += result.get();
            }
            assertEquals(0, wrong, "values decoded wrongly under concurrency");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void allowListRefusesReadingAndWritingOtherClasses() {
        byte[] bytes = encode(fory, SamplePojo.typical());
        Serializer strict = Serializers.byName("fory", loader, Map.of(ClassAllowList.PROPERTY, "com.example.**"));
        SerializationException e = assertThrows(SerializationException.class, () -> decode(strict, bytes));
        assertTrue(e.getMessage().contains("refused to read") && e.getMessage().contains(SamplePojo.class.getName())
                && e.getMessage().contains(ClassAllowList.PROPERTY), e.getMessage());
        e = assertThrows(SerializationException.class, () -> encode(strict, SamplePojo.typical()));
        assertTrue(e.getMessage().contains("nothing was stored") && e.getMessage().contains(SamplePojo.class.getName()), e.getMessage());

        Serializer allowing = Serializers.byName("fory", loader, Map.of(ClassAllowList.PROPERTY, "io.ultracache.serial.*"));
        assertEquals(SamplePojo.typical(), decode(allowing, bytes));
    }

    @Test
    void damagedBytesAreAClearError() {
        byte[] bytes = encode(fory, SamplePojo.typical());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        SerializationException e = assertThrows(SerializationException.class, () -> decode(fory, truncated));
        assertTrue(e.getMessage().contains("cannot read a stored value"), e.getMessage());
    }
}
