package io.ultracache.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every serializer used by 8 threads of one JVM at once, each thread with its own buffers as the
 * store's threads have (FST with its flags; Fory keeps an instance per thread).
 */
class ConcurrentSerializersTest {

    @ParameterizedTest
    @ValueSource(strings = {"standard", "fst", "fory"})
    void threadsWriteAndReadTheirOwnValues(String serializer) {
        SerialJvms.Result result = SerialJvms.succeed(serializer.equals("fst") ? FstSerializer.REQUIRED_JVM_OPTIONS : SerialJvms.PLAIN,
                "concurrent", serializer);
        assertEquals("0 of 16000", result.line("CONCURRENT OK "), result.toString());
    }
}
