package io.ultracache.serial;

/**
 * The default chain: built-in tagged codecs for common immutable types, then a fallback
 * serializer for everything else. First byte of every form is a tag.
 */
public final class StandardSerializer implements Serializer {
    private static final byte TAG_FALLBACK = 0;
    private static final byte TAG_STRING = 1;
    private static final byte TAG_LONG = 2;
    private static final byte TAG_INTEGER = 3;
    private static final byte TAG_BYTES = 4;

    private final Serializer fallback;
    private final String id;

    public StandardSerializer(Serializer fallback) {
        this.fallback = fallback;
        this.id = "standard/1+" + fallback.id();
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public void write(Object value, ByteSink out) {
        if (value instanceof String) {
            out.writeByte(TAG_STRING);
            out.writeUtf8((String) value);
        } else if (value instanceof Long) {
            out.writeByte(TAG_LONG);
            out.writeLong((Long) value);
        } else if (value instanceof Integer) {
            out.writeByte(TAG_INTEGER);
            out.writeInt((Integer) value);
        } else if (value instanceof byte[]) {
            out.writeByte(TAG_BYTES);
            out.writeBytes((byte[]) value);
        } else {
            out.writeByte(TAG_FALLBACK);
            fallback.write(value, out);
        }
    }

    @Override
    public Object read(ByteSource in) {
        byte tag = in.readByte();
        switch (tag) {
            case TAG_STRING:
                return in.readUtf8(in.remaining());
            case TAG_LONG:
                return in.readLong();
            case TAG_INTEGER:
                return in.readInt();
            case TAG_BYTES: {
                byte[] b = new byte[in.remaining()];
                in.readBytes(b, 0, b.length);
                return b;
            }
            case TAG_FALLBACK:
                return fallback.read(in);
            default:
                throw new SerializationException("unknown type tag " + tag + " in serializer '" + id
                        + "'; the bytes were written by another serializer or are damaged");
        }
    }

    @Override
    public boolean isShareable(Object decoded) {
        return decoded instanceof String || decoded instanceof Long || decoded instanceof Integer;
    }
}
