package io.ultracache.serial;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A window {@code [offset, limit)} of a byte array that serializers read from. Reused per thread
 * by the store; reading past the window throws {@link SerializationException}. Not thread-safe.
 */
public final class ByteSource {
    private byte[] buffer;
    private int position;
    private int limit;
    private InputStream streamView;

    public ByteSource() {
        this(new byte[0], 0, 0);
    }

    public ByteSource(byte[] buffer, int offset, int length) {
        wrap(buffer, offset, length);
    }

    /** Points this source at {@code buffer[offset, offset + length)}. */
    public ByteSource wrap(byte[] buffer, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > buffer.length) {
            throw new IndexOutOfBoundsException("window [" + offset + ", " + (offset + length)
                    + ") of " + buffer.length + " bytes");
        }
        this.buffer = buffer;
        this.position = offset;
        this.limit = offset + length;
        return this;
    }

    public int remaining() {
        return limit - position;
    }

    public int position() {
        return position;
    }

    public byte[] array() {
        return buffer;
    }

    /** Moves past {@code count} bytes that the caller read directly from {@link #array()}. */
    public void skip(int count) {
        require(count);
        position += count;
    }

    private void require(int count) {
        if (count < 0 || count > limit - position) {
            throw new SerializationException("serialized form ends early: needs " + count
                    + " more bytes, has " + (limit - position)
                    + "; the bytes were written by another serializer or are damaged");
        }
    }

    public byte readByte() {
        require(1);
        return buffer[position++];
    }

    public void readBytes(byte[] dst, int offset, int length) {
        require(length);
        System.arraycopy(buffer, position, dst, offset, length);
        position += length;
    }

    public short readShort() {
        require(2);
        short v = ByteOrderAccess.getShort(buffer, position);
        position += 2;
        return v;
    }

    public int readInt() {
        require(4);
        int v = ByteOrderAccess.getInt(buffer, position);
        position += 4;
        return v;
    }

    public long readLong() {
        require(8);
        long v = ByteOrderAccess.getLong(buffer, position);
        position += 8;
        return v;
    }

    public int readVarInt() {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            byte b = readByte();
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new SerializationException("malformed variable-length int in serialized form");
    }

    /** Reads {@code length} bytes of UTF-8 as a String. */
    public String readUtf8(int length) {
        require(length);
        String s = new String(buffer, position, length, StandardCharsets.UTF_8);
        position += length;
        return s;
    }

    /** Reads {@code length} bytes of UTF-16LE (2 bytes a char) as a String, unpaired surrogates included. */
    public String readUtf16(int length) {
        require(length);
        if ((length & 1) != 0) {
            throw new SerializationException("UTF-16 text of odd length " + length
                    + "; the bytes were written by another serializer or are damaged");
        }
        // by hand: the JDK's UTF-16 decoder would replace unpaired surrogates, which must survive
        char[] chars = new char[length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ByteOrderAccess.getShort(buffer, position);
            position += 2;
        }
        return new String(chars);
    }

    /** An {@link InputStream} over the rest of this source, for serializers built on streams. */
    public InputStream asInputStream() {
        InputStream view = streamView;
        if (view == null) {
            view = new InputStream() {
                @Override
                public int read() {
                    return position < limit ? buffer[position++] & 0xFF : -1;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (len == 0) {
                        return 0;
                    }
                    int n = Math.min(len, limit - position);
                    if (n <= 0) {
                        return -1;
                    }
                    System.arraycopy(buffer, position, b, off, n);
                    position += n;
                    return n;
                }

                @Override
                public int available() {
                    return limit - position;
                }
            };
            streamView = view;
        }
        return view;
    }
}
