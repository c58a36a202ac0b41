package io.ultracache.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.shm.SegmentDirectory;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Touching pages ahead of the tail prepares them for the writer and changes no byte. */
class StreamBufferTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("stream");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @Test
    void touchingAheadChangesNoByteWrittenBeforeOrAfter() {
        SegmentDirectory directory = SegmentDirectory.of(dir);
        StreamBuffer stream = StreamBuffer.create(directory, "s", 1, 0, 64 * 1024);
        byte[] pattern = new byte[(int) stream.capacity()];
        for (int i = 0; i < pattern.length; i++) {
            pattern[i] = (byte) (i * 31 + 7);
        }
        stream.write(0, pattern, 0, 10_000); // "published" records
        for (long tail = 0; tail <= stream.capacity(); tail += 1000) {
            stream.touchAhead(tail);
        }
        stream.write(10_000, pattern, 10_000, pattern.length - 10_000); // later appends land on touched pages
        stream.touchAhead(stream.capacity() - 8); // at the very end: stays inside the segment
        byte[] read = new byte[pattern.length];
        stream.segment().getBytes(StreamBuffer.absolute(0), read, 0, read.length);
        assertArrayEquals(pattern, read);
        stream.close();
    }

    @Test
    void touchingAheadOfAnEmptyStreamLeavesItZero() {
        SegmentDirectory directory = SegmentDirectory.of(dir);
        StreamBuffer stream = StreamBuffer.create(directory, "z", 1, 0, 32 * 1024);
        stream.touchAhead(0);
        byte[] read = new byte[(int) stream.capacity()];
        stream.segment().getBytes(StreamBuffer.absolute(0), read, 0, read.length);
        byte[] zeros = new byte[read.length];
        assertEquals(-1, Arrays.mismatch(zeros, read));
        stream.close();
    }
}
