package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every serializer used by 8 threads of one JVM at once through a shared store (FST with its flags). */
class ConcurrentSerializersTest {

    @ParameterizedTest
    @ValueSource(strings = {"standard", "fst", "fory"})
    void threadsWriteAndReadTheirOwnValues(String serializer) {
        Path dir = TestDirectories.create("serial-threads");
        try {
            SerialJvms.Result result = SerialJvms.succeed(serializer.equals("fst") ? FstSerializer.REQUIRED_JVM_OPTIONS : SerialJvms.PLAIN,
                    args("concurrent", dir, "threads", serializer));
            assertEquals("0 of 2400", result.line("CONCURRENT OK "), result.toString());
        } finally {
            TestDirectories.delete(dir);
        }
    }
}
