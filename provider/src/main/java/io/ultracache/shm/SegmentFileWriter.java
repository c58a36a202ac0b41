package io.ultracache.shm;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Writes a new segment file with channel writes, then maps it. Used for segments that are written
 * once in full (dumps): writing every byte reserves the file's blocks, so a full directory is
 * reported here, before the segment is published.
 */
public final class SegmentFileWriter implements AutoCloseable {
    private final SegmentDirectory directory;
    private final Path file;
    private final FileChannel channel;
    private long position;
    private boolean done;

    SegmentFileWriter(SegmentDirectory directory, Path file, FileChannel channel) {
        this.directory = directory;
        this.file = file;
        this.channel = channel;
    }

    /** End of the bytes written so far (the file's length). */
    public long position() {
        return position;
    }

    /** Appends the remaining bytes of {@code src}. */
    public void append(ByteBuffer src) {
        writeAt(src, position);
    }

    /** Appends {@code count} zero bytes. */
    public void appendZeros(long count) {
        try {
            SegmentDirectory.writeZerosAt(channel, position, count);
            position += count;
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Writes the remaining bytes of {@code src} at {@code offset} (which may lie before {@link #position()}). */
    public void writeAt(ByteBuffer src, long offset) {
        try {
            long at = offset;
            while (src.hasRemaining()) {
                at += channel.write(src, at);
            }
            position = Math.max(position, at);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    private SegmentException fail(IOException e) {
        SegmentException failure = directory.ioFailure("write", file, position, e);
        abandon();
        return failure;
    }

    /** Maps the finished file ({@code size} bytes, at least everything written). */
    public Segment finish(long size, boolean writable) {
        if (size > SegmentDirectory.MAX_SEGMENT_SIZE) {
            abandon();
            throw new SegmentException("segment " + file.getFileName() + " would need " + size
                    + " bytes; a segment holds at most " + SegmentDirectory.MAX_SEGMENT_SIZE
                    + " bytes on this JVM; store fewer or smaller entries");
        }
        try {
            if (size > position) {
                appendZeros(size - position);
            }
            FileMapper.Mapping mapping = FileMapper.map(channel, writable ? FileChannel.MapMode.READ_WRITE : FileChannel.MapMode.READ_ONLY, size);
            done = true;
            channel.close();
            return new MappedSegment(mapping, writable);
        } catch (IOException e) {
            throw fail(e);
        }
    }

    /** Closes and deletes the unfinished file. */
    public void abandon() {
        if (!done) {
            done = true;
            try {
                channel.close();
            } catch (IOException ignored) {
                // the file is deleted next; nothing refers to it
            }
            SegmentDirectory.deleteQuietly(file);
        }
    }

    @Override
    public void close() {
        abandon();
    }
}
