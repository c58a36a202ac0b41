package io.ultracache.serial;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the hot paths allocate, counted by the JVM per thread (HotSpot's
 * {@code com.sun.management.ThreadMXBean}): encoding strings and boxed numbers into a reused sink
 * allocates nothing; decoding allocates the result and nothing else.
 */
class HotPathAllocationTest {
    private static final int ROUNDS = 20_000;
    private static com.sun.management.ThreadMXBean threads;

    private final Serializer serializer = Serializers.standard(getClass().getClassLoader());

    @BeforeAll
    static void needsAllocationCounting() {
        threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assertTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes");
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    private static long allocated() {
        return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    /** Bytes allocated per run of {@code work}, after warming it up; the measuring itself is subtracted. */
    private static double bytesPerRun(Runnable work) {
        for (int i = 0; i < ROUNDS; i++) {
            work.run();
        }
        long overhead = -allocated() + allocated();
        long before = allocated();
        for (int i = 0; i < ROUNDS; i++) {
            work.run();
        }
        long after = allocated();
        return (double) (after - before - overhead) / ROUNDS;
    }

    @Test
    void encodingStringsAndBoxedNumbersAllocatesNothing() {
        Object[] values = {"hello, cache", "gr\u00fc\u00dfe \u65e5\u672c", 123_456_789L, 1_000_000, (short) 300, (byte) 7, 'x',
            true, 2.5f, Math.E, Instant.parse("2024-02-29T12:34:56Z"), UUID.fromString("123e4567-e89b-12d3-a456-426614174000"),
            Color.RED};
        ByteSink sink = new ByteSink(256);
        for (Object value : values) {
            double perRun = bytesPerRun(() -> {
                sink.reset();
                serializer.write(value, sink);
            });
            // below 0.1 byte per run: the smallest object is 16 bytes, so not even one in 160 runs allocates
            // (the JVM itself may allocate a few hundred bytes once, while it compiles the loop)
            assertTrue(perRun < 0.1, "encoding " + Samples.show(value) + " allocated " + perRun + " bytes per run");
        }
    }

    @Test
    void decodingAllocatesOnlyTheResult() {
        // sizes with compressed class pointers: a Long is 24 bytes (12 of header, 8 of value, aligned);
        // a Latin-1 String of 12 chars is a 24-byte String and a 32-byte array; an enum constant and
        // a Boolean are not allocated at all
        assertDecodesWithin(123_456_789L, 24);
        assertDecodesWithin("hello, cache", 24 + 32);
        assertDecodesWithin(Color.GREEN, 0);
        assertDecodesWithin(true, 0);
    }

    private void assertDecodesWithin(Object value, int resultBytes) {
        ByteSink sink = new ByteSink(64);
        serializer.write(value, sink);
        ByteSource source = new ByteSource();
        double perRun = bytesPerRun(() -> {
            source.wrap(sink.array(), 0, sink.length());
            serializer.read(source);
        });
        // 0.1 byte per run of slack: the JVM may allocate a few hundred bytes once, while it compiles
        assertTrue(perRun <= resultBytes + 0.1, "decoding " + Samples.show(value) + " allocated " + perRun
                + " bytes per read; the result needs " + resultBytes);
    }
}
