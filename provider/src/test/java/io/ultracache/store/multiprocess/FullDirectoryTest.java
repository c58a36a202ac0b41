package io.ultracache.store.multiprocess;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A full segment directory (a real 4 MiB tmpfs, mounted in a private namespace of a child JVM):
 * the write that does not fit fails with a clear error, nothing is lost, the JVM does not crash.
 */
class FullDirectoryTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("full");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @Test
    @Timeout(120)
    void runningOutOfSpaceFailsTheWriteAndKeepsEverythingElse() {
        List<String> privateMountNamespace = List.of("unshare", "--user", "--map-root-user", "--mount", "--");
        try (JvmProcess worker = JvmProcess.startWrapped(privateMountNamespace, FullDirectoryWorker.class, List.of(), dir.toString())) {
            worker.waitForSuccess(Duration.ofSeconds(100));
            String message = worker.awaitPrefix(0, "SPACE ", Duration.ofSeconds(1));
            System.out.println("full directory: " + message);
            assertTrue(message.contains("no room in " + dir), message);
            assertTrue(message.contains("the cache is unchanged"), message);
            assertTrue(worker.output().contains("DONE "), worker.output());
        }
    }
}
