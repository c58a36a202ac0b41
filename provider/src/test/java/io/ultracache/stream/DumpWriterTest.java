package io.ultracache.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.shm.SegmentDirectory;
import io.ultracache.testing.TestDirectories;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dumps small and large: every entry is found in place with its bytes and checksum intact. */
class DumpWriterTest {
    private Path dir;
    private SegmentDirectory directory;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("dump");
        directory = SegmentDirectory.of(dir);
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private static byte[] key(int i) {
        return ("key-" + i).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] value(int i, int length) {
        byte[] v = new byte[length];
        Arrays.fill(v, (byte) i);
        v[0] = (byte) (i >>> 8);
        return v;
    }

    private static DumpSegment write(SegmentDirectory directory, String name, int entries, int valueLength) {
        DumpWriter writer = DumpWriter.create(directory, name, 1, 1, entries);
        for (int i = 0; i < entries; i++) {
            byte[] k = key(i);
            byte[] v = value(i, valueLength);
            byte[] both = new byte[k.length + v.length];
            System.arraycopy(k, 0, both, 0, k.length);
            System.arraycopy(v, 0, both, k.length, v.length);
            writer.add(KeyHash.hash(k, 0, k.length), Long.MAX_VALUE, i, both, 0, k.length, k.length, v.length);
        }
        return writer.finish(name);
    }

    private static void assertHolds(DumpSegment dump, int entries, int valueLength) {
        assertEquals(entries, dump.entryCount());
        Checksum checksum = new Checksum();
        for (int i = 0; i < entries; i++) {
            byte[] k = key(i);
            long entry = dump.find(KeyHash.hash(k, 0, k.length), k, 0, k.length);
            assertTrue(entry >= 0, "key-" + i + " is found");
            byte[] copy = new byte[dump.checkedLength(entry)];
            dump.copyVerified(entry, copy, checksum);
            int valueAt = copy.length - valueLength;
            assertArrayEquals(value(i, valueLength), Arrays.copyOfRange(copy, valueAt, copy.length), "value of key-" + i);
        }
    }

    @Test
    void aSmallDumpFitsItsFirstStagingBuffer() {
        assertHolds(write(directory, "small", 100, 20), 100, 20);
    }

    @Test
    void aDumpLargerThanEveryStagingBufferIsWrittenWhole() {
        int entries = 3000;
        int valueLength = 1000; // ~3 MiB of entries: past the small first buffer and several full ones
        DumpSegment dump = write(directory, "large", entries, valueLength);
        assertHolds(dump, entries, valueLength);

        DumpWriter copier = DumpWriter.create(directory, "copied", 1, 2, entries);
        long half = dump.firstEntry();
        for (int i = 0; i < entries / 2; i++) {
            half = dump.nextEntry(half);
        }
        copier.copyEntries(dump, dump.firstEntry(), half); // a long run: straight from the old mapping
        long shortRunEnd = dump.nextEntry(dump.nextEntry(half));
        copier.copyEntries(dump, half, shortRunEnd); // a short run: through the staging buffer
        copier.copyEntries(dump, shortRunEnd, dump.endOfEntries());
        assertHolds(copier.finish("copied"), entries, valueLength);
    }
}
