package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** FST in child JVMs started without, with some, and with all of its --add-opens flags. */
class FstJvmFlagsTest {

    @Test
    void withoutFlagsTheErrorListsEveryFlag() {
        SerialJvms.Result result = SerialJvms.run(SerialJvms.PLAIN, "serializer", "fst");
        assertEquals(2, result.exitCode, result.toString());
        String error = result.line("ERROR ");
        assertTrue(error.startsWith(SerializationException.class.getName()), result.toString());
        assertEquals(String.join(" ", FstSerializer.REQUIRED_JVM_OPTIONS), missingFlags(error), result.toString());
    }

    @Test
    void withSomeFlagsTheErrorListsTheMissingOnes() {
        List<String> all = FstSerializer.REQUIRED_JVM_OPTIONS;
        SerialJvms.Result result = SerialJvms.run(all.subList(0, 3), "serializer", "fst");
        assertEquals(2, result.exitCode, result.toString());
        String error = result.line("ERROR ");
        assertEquals(String.join(" ", all.subList(3, all.size())), missingFlags(error), result.toString());
        assertTrue(error.contains("all the options FST needs: " + String.join(" ", all)), result.toString());
    }

    @Test
    void withTheFlagsFstWorksAndAnotherPackageNamesItsOwnFlag() {
        SerialJvms.Result created = SerialJvms.succeed(FstSerializer.REQUIRED_JVM_OPTIONS, "serializer", "fst");
        assertEquals("standard/2+fst/3.0.4-jdk17", created.line("SERIALIZER "));

        Path dir = TestDirectories.create("serial-fst");
        try {
            SerialJvms.succeed(FstSerializer.REQUIRED_JVM_OPTIONS, args("put", dir, "fst", "fst", "k", "before"));
            // an AtomicLong lives in java.util.concurrent.atomic, which the flags do not open
            SerialJvms.Result atomic = SerialJvms.run(FstSerializer.REQUIRED_JVM_OPTIONS,
                    args("put-special", dir, "fst", "fst", "k", "atomic"));
            assertEquals(2, atomic.exitCode, atomic.toString());
            String error = atomic.line("ERROR ");
            assertTrue(error.contains("java.util.ArrayList") && error.contains("fst/3.0.4-jdk17")
                    && error.contains("--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED"), atomic.toString());
            assertEquals("before", SerialJvms.succeed(FstSerializer.REQUIRED_JVM_OPTIONS, args("get", dir, "fst", "fst", "k")).line("VALUE "));
        } finally {
            TestDirectories.delete(dir);
        }
    }

    /** The flags after "Add these JVM options: ", up to the end of that sentence. */
    private static String missingFlags(String error) {
        String marker = "Add these JVM options: ";
        int from = error.indexOf(marker);
        assertFalse(from < 0, "no flag list in: " + error);
        int to = error.indexOf(" | ", from);
        return error.substring(from + marker.length(), to < 0 ? error.length() : to);
    }
}
