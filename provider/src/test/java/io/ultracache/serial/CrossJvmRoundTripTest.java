package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every sample (every built-in codec and the user types) written through a shared store by one
 * JVM and read back by another, for every serializer; every built-in sample is also a key, looked
 * up by the reader's own encoding, which finds it only if both JVMs encode it to the same bytes.
 */
class CrossJvmRoundTripTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("serial-roundtrip");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @ParameterizedTest(name = "written with {0}, read with {1}")
    @CsvSource({"standard, standard, false", "standard, jdk, false", "fst, fst, true", "fory, fory, false"})
    void everySampleSurvivesTheTripToAnotherJvm(String writer, String reader, boolean fstFlags) {
        List<String> flags = fstFlags ? FstSerializer.REQUIRED_JVM_OPTIONS : SerialJvms.PLAIN;
        int expected = Samples.builtIn().size() + Samples.userTypes().size() + Samples.builtIn().size() + 1;

        SerialJvms.Result wrote = SerialJvms.succeed(flags, args("write-samples", dir, "samples", writer));
        assertEquals(String.valueOf(expected), wrote.line("WROTE "), wrote.toString());

        SerialJvms.Result read = SerialJvms.succeed(flags, args("read-samples", dir, "samples", reader));
        assertEquals(String.valueOf(expected), read.line("CHECKED "), read.toString());
    }
}
