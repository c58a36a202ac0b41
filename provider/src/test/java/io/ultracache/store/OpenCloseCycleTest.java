package io.ultracache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Opening and closing stores many times leaks neither file descriptors nor mappings. File
 * descriptors are closed as soon as a segment is mapped; mappings are released when the garbage
 * collector frees the buffers (how Java 17 unmaps), so they are counted after a collection.
 */
class OpenCloseCycleTest {
    private static final int CYCLES = 10_000;
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("cycles");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @Test
    @Timeout(300)
    void attachAndDetachTenThousandTimes() throws Exception {
        StoreConfig config = StoreConfig.builder("test", "attach").directory(dir).streamMinBytes(4096).streamMaxBytes(4096).build();
        try (SharedStore keeper = SharedStore.open(config)) {
            keeper.put("k", "v", StoreEntry.ETERNAL);
            assertNoLeak(() -> {
                try (SharedStore store = SharedStore.open(config)) {
                    if (!"v".equals(store.get("k"))) {
                        throw new AssertionError("lost the entry");
                    }
                }
            });
        }
    }

    @Test
    @Timeout(300)
    void createAndRemoveTenThousandTimes() throws Exception {
        StoreConfig config = StoreConfig.builder("test", "create").directory(dir).streamMinBytes(4096).streamMaxBytes(4096).build();
        assertNoLeak(() -> {
            try (SharedStore store = SharedStore.open(config)) {
                store.put("k", "v", StoreEntry.ETERNAL);
            }
        });
        assertEquals(java.util.List.of(), TestDirectories.files(dir), "every store was removed by its last close");
    }

    private static void assertNoLeak(Runnable cycle) throws Exception {
        for (int i = 0; i < 200; i++) {
            cycle.run();
        }
        long fdsBefore = settledCount(OpenCloseCycleTest::openFileDescriptors, 0);
        long mapsBefore = settledCount(OpenCloseCycleTest::mappings, 0);
        for (int i = 0; i < CYCLES; i++) {
            cycle.run();
        }
        long fdsAfter = settledCount(OpenCloseCycleTest::openFileDescriptors, fdsBefore);
        long mapsAfter = settledCount(OpenCloseCycleTest::mappings, mapsBefore);
        System.out.println(CYCLES + " cycles: file descriptors " + fdsBefore + " -> " + fdsAfter
                + ", mappings " + mapsBefore + " -> " + mapsAfter);
        assertTrue(fdsAfter <= fdsBefore + 2, "file descriptors grew from " + fdsBefore + " to " + fdsAfter);
        assertTrue(mapsAfter <= mapsBefore + 10, "mappings grew from " + mapsBefore + " to " + mapsAfter);
    }

    /** The count after garbage collections, waiting (up to 10 s) for it to fall to {@code target}. */
    private static long settledCount(CountSupplier count, long target) throws Exception {
        long value = Long.MAX_VALUE;
        for (int i = 0; i < 50; i++) {
            System.gc();
            Thread.sleep(200);
            value = count.get();
            if (value <= target + 2) {
                break;
            }
        }
        return value;
    }

    private interface CountSupplier {
        long get() throws IOException;
    }

    private static long openFileDescriptors() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }

    private static long mappings() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.contains("/uc-")).count();
    }
}
