package io.ultracache.shm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@link Segment} over a {@code MappedByteBuffer}: the Java 17 implementation.
 *
 * <p>Ordered and atomic access goes through {@code MethodHandles.byteBufferViewVarHandle}, which
 * compiles to plain loads, stores and locked instructions on the mapped memory, so it orders
 * accesses between processes as it does between threads.
 *
 * <p>{@link #close()} only drops this object's reference, so the garbage collector can free the
 * mapping once no buffer refers to it: a thread still reading a segment that another thread closed
 * sees an exception, never freed memory. {@link #release()} unmaps at once (see {@link FileMapper}).
 */
public final class MappedSegment implements Segment {
    private static final VarHandle INT = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle ARRAY_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final ByteBuffer CLOSED = ByteBuffer.allocateDirect(0);

    private ByteBuffer buffer;
    private final FileMapper.Mapping mapping;
    private final long size;
    private final boolean writable;

    MappedSegment(FileMapper.Mapping mapping, boolean writable) {
        this.mapping = mapping;
        this.buffer = mapping.buffer.order(ByteOrder.LITTLE_ENDIAN);
        this.size = mapping.buffer.capacity();
        this.writable = writable;
    }

    private static int index(long offset) {
        return (int) offset; // bounds are checked by the buffer itself
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isWritable() {
        return writable;
    }

    @Override
    public byte getByte(long offset) {
        return buffer.get(index(offset));
    }

    @Override
    public void putByte(long offset, byte value) {
        buffer.put(index(offset), value);
    }

    @Override
    public int getInt(long offset) {
        return (int) INT.get(buffer, index(offset));
    }

    @Override
    public int getIntAcquire(long offset) {
        return (int) INT.getAcquire(buffer, index(offset));
    }

    @Override
    public int getIntVolatile(long offset) {
        return (int) INT.getVolatile(buffer, index(offset));
    }

    @Override
    public void putInt(long offset, int value) {
        INT.set(buffer, index(offset), value);
    }

    @Override
    public void putIntRelease(long offset, int value) {
        INT.setRelease(buffer, index(offset), value);
    }

    @Override
    public void putIntVolatile(long offset, int value) {
        INT.setVolatile(buffer, index(offset), value);
    }

    @Override
    public boolean compareAndSetInt(long offset, int expected, int value) {
        return INT.compareAndSet(buffer, index(offset), expected, value);
    }

    @Override
    public long getLong(long offset) {
        return (long) LONG.get(buffer, index(offset));
    }

    @Override
    public long getLongAcquire(long offset) {
        return (long) LONG.getAcquire(buffer, index(offset));
    }

    @Override
    public long getLongVolatile(long offset) {
        return (long) LONG.getVolatile(buffer, index(offset));
    }

    @Override
    public void putLong(long offset, long value) {
        LONG.set(buffer, index(offset), value);
    }

    @Override
    public void putLongRelease(long offset, long value) {
        LONG.setRelease(buffer, index(offset), value);
    }

    @Override
    public void putLongVolatile(long offset, long value) {
        LONG.setVolatile(buffer, index(offset), value);
    }

    @Override
    public boolean compareAndSetLong(long offset, long expected, long value) {
        return LONG.compareAndSet(buffer, index(offset), expected, value);
    }

    @Override
    public long getAndAddLong(long offset, long delta) {
        return (long) LONG.getAndAdd(buffer, index(offset), delta);
    }

    @Override
    public void getBytes(long offset, byte[] dst, int dstOffset, int length) {
        buffer.get(index(offset), dst, dstOffset, length);
    }

    @Override
    public void putBytes(long offset, byte[] src, int srcOffset, int length) {
        buffer.put(index(offset), src, srcOffset, length);
    }

    @Override
    public boolean bytesEqual(long offset, byte[] other, int otherOffset, int length) {
        ByteBuffer b = buffer;
        int at = index(offset);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            if ((long) LONG.get(b, at + i) != (long) ARRAY_LONG.get(other, otherOffset + i)) {
                return false;
            }
        }
        for (; i < length; i++) {
            if (b.get(at + i) != other[otherOffset + i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public ByteBuffer slice(long offset, int length) {
        return buffer.slice(index(offset), length).asReadOnlyBuffer();
    }

    @Override
    public void fill(long offset, long length, byte value) {
        ByteBuffer b = buffer;
        int at = index(offset);
        int end = index(offset + length);
        long word = (value & 0xFFL) * 0x0101010101010101L;
        int i = at;
        for (; i + 8 <= end; i += 8) {
            LONG.set(b, i, word);
        }
        for (; i < end; i++) {
            b.put(i, value);
        }
    }

    @Override
    public void close() {
        buffer = CLOSED;
    }

    @Override
    public void release() {
        buffer = CLOSED;
        FileMapper.release(mapping);
    }
}
