package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The allow-list set by system property, per JVM: a reader that allows the writer's classes reads
 * them; one that does not is refused with a message naming the class and the setting, and the
 * entry stays for the others.
 */
class AllowListAcrossJvmsTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("serial-allow");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"standard", "fst", "fory"})
    void readerAllowsOrRefusesTheWritersClasses(String serializer) {
        List<String> base = serializer.equals("fst") ? FstSerializer.REQUIRED_JVM_OPTIONS : SerialJvms.PLAIN;
        SerialJvms.succeed(base, args("write-samples", dir, "allow", serializer));

        SerialJvms.Result refused = SerialJvms.run(with(base, "-D" + ClassAllowList.PROPERTY + "=com.example.**"),
                args("show", dir, "allow", serializer, "pojo"));
        assertEquals(2, refused.exitCode, refused.toString());
        String error = refused.line("ERROR ");
        assertTrue(error.contains("refused to read") && error.contains(SamplePojo.class.getName())
                && error.contains(ClassAllowList.PROPERTY + "='com.example.**'"), refused.toString());

        SerialJvms.Result allowed = SerialJvms.succeed(with(base, "-D" + ClassAllowList.PROPERTY + "=io.ultracache.serial.*"),
                args("show", dir, "allow", serializer, "pojo"));
        assertEquals("true", allowed.line("MATCHES "), allowed.toString());
    }

    /** JDK serialization applies the JVM-wide jdk.serialFilter on top of the allow-list. */
    @Test
    void jvmWideFilterStillApplies() {
        SerialJvms.succeed(SerialJvms.PLAIN, args("write-samples", dir, "allow", "standard"));
        SerialJvms.Result refused = SerialJvms.run(List.of("-D" + ClassAllowList.PROPERTY + "=io.ultracache.serial.*",
                "-Djdk.serialFilter=!io.ultracache.serial.SamplePojo"), args("show", dir, "allow", "standard", "pojo"));
        assertEquals(2, refused.exitCode, refused.toString());
        assertTrue(refused.line("ERROR ").contains("jdk.serialFilter"), refused.toString());
    }

    private static List<String> with(List<String> base, String option) {
        List<String> all = new ArrayList<>(base);
        all.add(option);
        return all;
    }
}
