package io.ultracache.shm;

/**
 * A region of shared memory mapped into this process, addressed by byte offset.
 *
 * <p>This is the one interface between the layers above and the way memory is mapped: the Java 17
 * implementation ({@link MappedSegment}) uses a {@code MappedByteBuffer} and
 * {@code MethodHandles.byteBufferViewVarHandle}; an implementation over {@code java.lang.foreign}
 * (segments over 2 GiB, deterministic unmapping) can take its place without touching callers.
 *
 * <p>Numbers are little-endian on every platform, so the layouts are the same everywhere. The atomic and ordered accessors ({@code Acquire},
 * {@code Release}, {@code Volatile}, {@code compareAndSet}, {@code getAndAdd}) need offsets aligned
 * to the size of the word; they order memory across processes the way the same
 * {@link java.lang.invoke.VarHandle} access modes order it across threads.
 */
public interface Segment extends AutoCloseable {

    /** Size in bytes. */
    long size();

    /** Whether writes are allowed. */
    boolean isWritable();

    byte getByte(long offset);

    void putByte(long offset, byte value);

    int getInt(long offset);

    int getIntAcquire(long offset);

    int getIntVolatile(long offset);

    void putInt(long offset, int value);

    void putIntRelease(long offset, int value);

    void putIntVolatile(long offset, int value);

    boolean compareAndSetInt(long offset, int expected, int value);

    long getLong(long offset);

    long getLongAcquire(long offset);

    long getLongVolatile(long offset);

    void putLong(long offset, long value);

    void putLongRelease(long offset, long value);

    void putLongVolatile(long offset, long value);

    boolean compareAndSetLong(long offset, long expected, long value);

    long getAndAddLong(long offset, long delta);

    /** Copies {@code length} bytes at {@code offset} into {@code dst[dstOffset..]}. */
    void getBytes(long offset, byte[] dst, int dstOffset, int length);

    /** Copies {@code src[srcOffset, srcOffset + length)} to {@code offset}. */
    void putBytes(long offset, byte[] src, int srcOffset, int length);

    /** Whether the {@code length} bytes at {@code offset} equal {@code other[otherOffset..]}. Allocates nothing. */
    boolean bytesEqual(long offset, byte[] other, int otherOffset, int length);

    /**
     * A read-only buffer over {@code [offset, offset + length)}, for bulk transfers such as a
     * channel write straight from shared memory.
     */
    java.nio.ByteBuffer slice(long offset, int length);

    /** Writes {@code length} zero bytes at {@code offset}. */
    void fill(long offset, long length, byte value);

    /** Drops this process's reference to the mapping; later access fails. Idempotent. */
    @Override
    void close();

    /**
     * Unmaps now, instead of when the garbage collector finds the mapping unreachable, so the
     * pages of a removed file are freed at once. Only for a segment no thread of this process
     * will touch again: on Java 17 to 21 a later touch would crash the JVM (see {@link FileMapper}).
     * Idempotent.
     */
    void release();
}
