package io.ultracache.serial;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer that serializers write into.
 *
 * <p>One sink is reused per thread by the store, so writing a small value allocates nothing once
 * the buffer has grown to fit it. Multi-byte numbers are written little-endian. Not thread-safe.
 */
public final class ByteSink {
    private static final int MAX_CAPACITY = Integer.MAX_VALUE - 16;

    private byte[] buffer;
    private int position;
    private OutputStream streamView;

    public ByteSink(int initialCapacity) {
        buffer = new byte[Math.max(16, initialCapacity)];
    }

    /** Forgets what was written; keeps the buffer. */
    public void reset() {
        position = 0;
    }

    /** Bytes written since the last reset. */
    public int length() {
        return position;
    }

    /** The backing array; valid bytes are {@code [0, length())}. Changes when the sink grows. */
    public byte[] array() {
        return buffer;
    }

    /**
     * Moves the write position {@code count} bytes forward over bytes whose content is left as
     * it is, for a header the caller fills in later.
     */
    public void reserve(int count) {
        ensureRemaining(count);
        position += count;
    }

    /** Moves the write position back to {@code length}, dropping what was written after it. */
    public void truncate(int length) {
        if (length < 0 || length > position) {
            throw new IndexOutOfBoundsException("truncate to " + length + " of " + position);
        }
        position = length;
    }

    /** Replaces a buffer larger than {@code maxRetained} bytes by a small one; forgets what was written. */
    public void trim(int maxRetained) {
        if (buffer.length > maxRetained) {
            buffer = new byte[256];
            position = 0;
        }
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buffer, position);
    }

    /** Makes room for {@code extra} more bytes. */
    public void ensureRemaining(int extra) {
        long needed = (long) position + extra;
        if (needed > buffer.length) {
            grow(needed);
        }
    }

    private void grow(long needed) {
        if (needed > MAX_CAPACITY) {
            throw new SerializationException("a serialized form larger than " + MAX_CAPACITY
                    + " bytes cannot be stored; store smaller values");
        }
        long doubled = Math.max(needed, (long) buffer.length * 2);
        buffer = Arrays.copyOf(buffer, (int) Math.min(doubled, MAX_CAPACITY));
    }

    public void writeByte(int b) {
        ensureRemaining(1);
        buffer[position++] = (byte) b;
    }

    public void writeBytes(byte[] src) {
        writeBytes(src, 0, src.length);
    }

    public void writeBytes(byte[] src, int offset, int length) {
        ensureRemaining(length);
        System.arraycopy(src, offset, buffer, position, length);
        position += length;
    }

    public void writeShort(int value) {
        ensureRemaining(2);
        ByteOrderAccess.putShort(buffer, position, (short) value);
        position += 2;
    }

    public void writeInt(int value) {
        ensureRemaining(4);
        ByteOrderAccess.putInt(buffer, position, value);
        position += 4;
    }

    public void writeLong(long value) {
        ensureRemaining(8);
        ByteOrderAccess.putLong(buffer, position, value);
        position += 8;
    }

    /** Unsigned LEB128 variable-length int: 1 byte for 0..127. */
    public void writeVarInt(int value) {
        ensureRemaining(5);
        while ((value & ~0x7F) != 0) {
            buffer[position++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[position++] = (byte) value;
    }

    /**
     * Writes the UTF-8 form of {@code s} (no length prefix) without allocating, and returns the
     * number of bytes written. Unpaired surrogates become '?', as {@link String#getBytes} does.
     */
    public int writeUtf8(CharSequence s) {
        return encodeUtf8(s, false);
    }

    /**
     * Writes the UTF-8 form of {@code s} (no length prefix) without allocating, if {@code s} is
     * well-formed UTF-16. Returns false, having written nothing, if it holds an unpaired surrogate,
     * which UTF-8 cannot carry; the caller then writes it another way (see {@link #writeUtf16}).
     */
    public boolean writeUtf8Exactly(String s) {
        return encodeUtf8(s, true) >= 0;
    }

    /**
     * Encodes {@code s} as UTF-8; returns the bytes written. An unpaired surrogate becomes '?', or,
     * if {@code exact}, undoes everything written and returns -1.
     */
    private int encodeUtf8(CharSequence s, boolean exact) {
        int start = position;
        int n = s.length();
        ensureRemaining(n);
        int i = 0;
        // ASCII fast path: room for n bytes is there
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                break;
            }
            buffer[position++] = (byte) c;
        }
        for (; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                ensureRemaining(1);
                buffer[position++] = (byte) c;
            } else if (c < 0x800) {
                ensureRemaining(2);
                buffer[position++] = (byte) (0xC0 | (c >> 6));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (!Character.isSurrogate(c)) {
                ensureRemaining(3);
                buffer[position++] = (byte) (0xE0 | (c >> 12));
                buffer[position++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                ensureRemaining(4);
                buffer[position++] = (byte) (0xF0 | (cp >> 18));
                buffer[position++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                buffer[position++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                buffer[position++] = (byte) (0x80 | (cp & 0x3F));
            } else if (exact) {
                position = start;
                return -1;
            } else {
                ensureRemaining(1);
                buffer[position++] = '?';
            }
        }
        return position - start;
    }

    /** Writes the chars of {@code s} as UTF-16LE, 2 bytes each, no length prefix: lossless for any String. */
    public void writeUtf16(String s) {
        int n = s.length();
        ensureRemaining(2 * n);
        for (int i = 0; i < n; i++) {
            ByteOrderAccess.putShort(buffer, position, (short) s.charAt(i));
            position += 2;
        }
    }

    /** An {@link OutputStream} that appends to this sink, for serializers built on streams. */
    public OutputStream asOutputStream() {
        OutputStream view = streamView;
        if (view == null) {
            view = new OutputStream() {
                @Override
                public void write(int b) {
                    writeByte(b);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    writeBytes(b, off, len);
                }
            };
            streamView = view;
        }
        return view;
    }

    /** UTF-8 bytes of a string, for callers that need them as an array (not on hot paths). */
    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
