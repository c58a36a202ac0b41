package io.ultracache.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.shm.SegmentFormatException;
import io.ultracache.testing.TestDirectories;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Foreign, truncated, damaged and other-version segments are refused with a clear message. */
class DamagedSegmentTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("damaged");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private StoreConfig config(String name) {
        return StoreConfig.builder("test", name).directory(dir).streamMinBytes(4096).streamMaxBytes(4096).unlinkOnLastClose(false).build();
    }

    /** Creates a store with some entries and a dump, closes it, returns the path of one of its files. */
    private Path storeFile(String name, String suffix) {
        try (SharedStore store = SharedStore.open(config(name))) {
            for (int i = 0; i < 500; i++) {
                store.put("key" + i, "value" + i, StoreEntry.ETERNAL);
            }
        }
        return TestDirectories.files(dir).stream().filter(f -> f.contains("-" + name + "-") && f.endsWith(suffix))
                .map(dir::resolve).findFirst().orElseThrow();
    }

    @Test
    void controlSegmentOfRandomBytes() throws IOException {
        Path control = storeFile("random", ".ctl");
        byte[] noise = new byte[(int) Files.size(control)];
        new Random(1).nextBytes(noise);
        Files.write(control, noise);
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedStore.open(config("random")));
        assertTrue(e.getMessage().contains("is not an UltraCache segment"), e.getMessage());
        assertTrue(e.getMessage().contains(control.toString()), "names the file: " + e.getMessage());
    }

    @Test
    void truncatedControlSegment() throws IOException {
        Path control = storeFile("truncated", ".ctl");
        try (RandomAccessFile file = new RandomAccessFile(control.toFile(), "rw")) {
            file.setLength(10);
        }
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedStore.open(config("truncated")));
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void controlSegmentOfAnotherLayoutVersion() throws IOException {
        Path control = storeFile("version", ".ctl");
        try (RandomAccessFile file = new RandomAccessFile(control.toFile(), "rw")) {
            file.seek(8);
            file.write(new byte[] {99, 0, 0, 0});
        }
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedStore.open(config("version")));
        assertTrue(e.getMessage().contains("layout version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("reads layout version 1"), e.getMessage());
    }

    @Test
    void damagedHeaderIsCaughtByItsChecksum() throws IOException {
        Path control = storeFile("header", ".ctl");
        try (RandomAccessFile file = new RandomAccessFile(control.toFile(), "rw")) {
            file.seek(24); // created-at, covered by the header checksum
            file.write(new byte[] {1, 2, 3});
        }
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedStore.open(config("header")));
        assertTrue(e.getMessage().contains("damaged header"), e.getMessage());
    }

    @Test
    void damagedValueInTheDumpIsCaughtByItsChecksum() throws IOException {
        Path dump = storeFile("value", ".dump");
        try (SharedStore store = SharedStore.open(config("value"))) {
            long size = Files.size(dump);
            try (RandomAccessFile file = new RandomAccessFile(dump.toFile(), "rw")) {
                // flip bytes near the end: inside the last entries' values
                file.seek(size - 16);
                byte[] b = new byte[8];
                file.readFully(b);
                for (int i = 0; i < b.length; i++) {
                    b[i] ^= 0x5A;
                }
                file.seek(size - 16);
                file.write(b);
            }
            int damaged = 0;
            for (int i = 0; i < 500; i++) {
                try {
                    Object value = store.get("key" + i);
                    assertEquals("value" + i, value, "a value is either whole or refused");
                } catch (SegmentFormatException e) {
                    assertTrue(e.getMessage().contains("fails its checksum"), e.getMessage());
                    damaged++;
                }
            }
            assertTrue(damaged >= 1, "the damaged entry was noticed");
        }
    }

    @Test
    void foreignFileInPlaceOfTheDump() throws IOException {
        Path dump = storeFile("foreign", ".dump");
        Files.writeString(dump, "this is not a dump, just some text that happens to sit here\n".repeat(10));
        SegmentFormatException e = assertThrows(SegmentFormatException.class, () -> SharedStore.open(config("foreign")));
        assertTrue(e.getMessage().contains("dump segment"), e.getMessage());
    }
}
