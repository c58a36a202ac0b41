package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The provider runs on javax.cache:cache-api alone: a child JVM whose class path holds only the
 * provider's classes, the test classes and cache-api stores and reads every sample with the
 * default serializer, and is told what to add when it asks for FST or Fory.
 */
class OptionalDependenciesTest {

    @Test
    void providerNeedsOnlyCacheApi() {
        List<String> kept = new ArrayList<>();
        for (String entry : JvmProcess.testClassPath().split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (name.equals("classes") || name.equals("test-classes") || name.startsWith("cache-api-")) {
                kept.add(entry);
            }
        }
        assertEquals(3, kept.size(), "expected provider classes, test classes and cache-api in " + JvmProcess.testClassPath());
        String classPath = String.join(File.pathSeparator, kept);

        Path dir = TestDirectories.create("serial-minimal");
        try {
            SerialJvms.Result wrote = SerialJvms.runWithClassPath(classPath, args("write-samples", dir, "minimal", "standard"));
            assertEquals(0, wrote.exitCode, wrote.toString());
            SerialJvms.Result read = SerialJvms.runWithClassPath(classPath, args("read-samples", dir, "minimal", "standard"));
            assertEquals(0, read.exitCode, read.toString());
        } finally {
            TestDirectories.delete(dir);
        }

        SerialJvms.Result fst = SerialJvms.runWithClassPath(classPath, "serializer", "fst");
        assertEquals(2, fst.exitCode, fst.toString());
        assertTrue(fst.line("ERROR ").contains("add the dependency de.ruedigermoeller:fst:3.0.4-jdk17"), fst.toString());
        SerialJvms.Result fory = SerialJvms.runWithClassPath(classPath, "serializer", "fory");
        assertEquals(2, fory.exitCode, fory.toString());
        assertTrue(fory.line("ERROR ").contains("add the dependency org.apache.fory:fory-core"), fory.toString());
    }
}
