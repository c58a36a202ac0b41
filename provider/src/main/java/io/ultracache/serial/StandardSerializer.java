package io.ultracache.serial;

/**
 * The serializer chain: the {@linkplain BuiltInCodec built-in codecs} for common JDK value types,
 * then a fallback serializer (JDK serialization, FST, Fory, ...) for everything else. Every
 * serializer chosen by name is such a chain; only the fallback differs.
 *
 * <pre>
 * +-----+---------------------------------------------+
 * | tag | payload                                     |
 * +-----+---------------------------------------------+
 *   1..63  a built-in codec's payload (BuiltInCodec's table)
 *   0      the fallback serializer's bytes
 * </pre>
 *
 * <p>The id is {@code "standard/" + table version + "+" + fallback id}, for example
 * {@code "standard/2+jdk/1"}: processes whose tables or fallbacks differ would decode the same bytes
 * differently, so the store refuses to let them share a cache.
 *
 * <p>Writing a String or a boxed primitive allocates nothing (one class lookup, then bytes into the
 * reused sink); decoding one allocates only the result. Thread-safe if the fallback is.
 */
public final class StandardSerializer implements Serializer {
    /** Prefix of the id, with the built-in table's version. */
    static final String ID_PREFIX = "standard/" + BuiltInCodec.TABLE_VERSION;
    private static final byte TAG_FALLBACK = 0;

    private final Serializer fallback;
    private final EnumResolver enums;
    private final String id;

    /**
     * @param fallback    writes and reads every value the built-in codecs do not take
     * @param classLoader loads the enum classes named in stored bytes; null means this library's loader
     */
    public StandardSerializer(Serializer fallback, ClassLoader classLoader) {
        if (fallback instanceof StandardSerializer) {
            throw new IllegalArgumentException("a chain's fallback cannot be a chain: " + fallback.id());
        }
        this.fallback = fallback;
        this.enums = new EnumResolver(classLoader);
        this.id = ID_PREFIX + "+" + fallback.id();
    }

    @Override
    public String id() {
        return id;
    }

    /** The serializer for values the built-in codecs do not take. */
    public Serializer fallback() {
        return fallback;
    }

    @Override
    public void write(Object value, ByteSink out) {
        BuiltInCodec codec = BuiltInCodec.forClass(value.getClass());
        if (codec != null) {
            codec.write(value, out);
            return;
        }
        out.writeByte(TAG_FALLBACK);
        try {
            fallback.write(value, out);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException("cannot serialize a value of class " + value.getClass().getName() + " with serializer '"
                    + id + "': " + e + "; nothing was stored", e);
        }
    }

    @Override
    public Object read(ByteSource in) {
        byte tag = in.readByte();
        if (tag == TAG_FALLBACK) {
            return fallback.read(in);
        }
        BuiltInCodec codec = BuiltInCodec.forTag(tag);
        if (codec == null) {
            throw new SerializationException("unknown type tag " + tag + " for serializer '" + id
                    + "'; the bytes were written by another serializer or are damaged");
        }
        Object value;
        try {
            value = codec.read(in, enums);
        } catch (RuntimeException e) {
            if (e instanceof SerializationException || !BuiltInCodec.isDamage(e)) {
                throw e;
            }
            throw new SerializationException("cannot decode a " + codec + " (tag " + tag + ") with serializer '" + id
                    + "': " + e + "; the bytes are damaged", e);
        }
        if (in.remaining() != 0) {
            throw new SerializationException(in.remaining() + " bytes left after a " + codec + " (tag " + tag
                    + ") with serializer '" + id + "'; the bytes were written by another serializer or are damaged");
        }
        return value;
    }

    /**
     * True for values of the built-in immutable types (strings, boxed primitives, UUID, BigInteger,
     * BigDecimal, java.time values, enum constants); arrays are never shared; anything else is
     * shareable if the fallback says so.
     */
    @Override
    public boolean isShareable(Object decoded) {
        BuiltInCodec codec = BuiltInCodec.forClass(decoded.getClass());
        return codec != null ? codec.shareable : fallback.isShareable(decoded);
    }

    @Override
    public String toString() {
        return id;
    }
}
