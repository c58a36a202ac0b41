package io.ultracache.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.examples.support.ChildJvm;
import java.io.PrintStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Runs the demo the way {@code mvn -Pdemo} does, in a JVM of its own, so that it can never silently break. */
class SharedCacheDemoTest {
    private static final PrintStream NOWHERE = new PrintStream(OutputStream.nullOutputStream());

    @Test
    @Timeout(300)
    void theDemoPassesAndExitsZero() {
        try (ChildJvm demo = ChildJvm.start("demo", SharedCacheDemo.class, List.of(),
                List.of("--jvms", "3", "--increments", "500"), null)) {
            int code = demo.waitForExit(Duration.ofSeconds(240));
            String output = demo.output();
            assertEquals(0, code, output);
            for (String label : List.of("jvm-1", "jvm-2", "jvm-3")) {
                assertTrue(output.matches("(?s).*\\[" + label + " pid \\d+\\] attached to the caches of ultracache:demo.*"),
                        label + " reported with its pid:\n" + output);
            }
            assertTrue(output.contains("ok      page-views = 1500 (3 JVMs x 500; none lost)"), output);
            assertTrue(output.contains("ok      every JVM closed its caches; segment files left: 0"), output);
            assertTrue(output.contains("== Demo passed"), output);
            assertTrue(!output.contains("FAILED"), output);
        }
    }

    @Test
    @Timeout(120)
    void badArgumentsExitTwoWithTheUsage() {
        try (ChildJvm demo = ChildJvm.start("demo", SharedCacheDemo.class, List.of(), List.of("--jvms", "nine"), null)) {
            assertEquals(2, demo.waitForExit(Duration.ofSeconds(60)));
            assertEquals("error: --jvms needs a whole number, not 'nine'\n" + SharedCacheDemo.USAGE, demo.output());
        }
    }

    @Test
    void eachBadArgumentGetsItsOwnMessage() {
        assertEquals("--jvms must be from 2 to 8, not 1", message("--jvms", "1"));
        assertEquals("--jvms must be from 2 to 8, not 9", message("--jvms", "9"));
        assertEquals("--increments must be from 1 to 1000000, not 0", message("--increments", "0"));
        assertEquals("--increments needs a number after it", message("--increments"));
        assertEquals("unknown argument '--bogus'", message("--bogus"));
        assertNull(SharedCacheDemo.parse(new String[] {"--help"}, NOWHERE), "--help asks for the usage only");
    }

    private static String message(String... args) {
        return assertThrows(IllegalArgumentException.class, () -> SharedCacheDemo.parse(args, NOWHERE)).getMessage();
    }
}
