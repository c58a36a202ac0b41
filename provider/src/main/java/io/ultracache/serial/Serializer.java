package io.ultracache.serial;

/**
 * Turns keys and values into bytes in shared memory and back.
 *
 * <p>Keys are compared by their serialized bytes, so {@link #write} must be <em>deterministic</em>
 * for keys: equal keys give equal bytes, in every process that uses the same serializer.
 *
 * <p>Implementations must be thread-safe; the store calls them from many threads, each with its
 * own {@link ByteSink} and {@link ByteSource}.
 */
public interface Serializer {

    /**
     * The identity of the byte format: a name and a version, for example {@code "jdk/1"}; a chain's
     * id names its parts, for example {@code "standard/2+jdk/1"} (built-in codec table 2, then JDK
     * serialization). It is stored with each cache; a process whose serializer has another id is
     * refused when it attaches, because it would decode the bytes differently. Change the id whenever
     * the bytes written for some value change.
     */
    String id();

    /**
     * Appends the serialized form of {@code value} (never null) to {@code out}.
     *
     * @throws SerializationException if the value cannot be written; the message names its class
     *         and this serializer. What was appended before the failure is discarded by the caller.
     */
    void write(Object value, ByteSink out);

    /**
     * Reads one value that {@link #write} wrote; {@code in} holds exactly those bytes.
     *
     * @throws SerializationException if the bytes cannot be decoded
     */
    Object read(ByteSource in);

    /**
     * Whether a value decoded by this serializer may be handed to several callers of one process
     * (it is immutable, like a String). Other values are decoded afresh for every read, so callers
     * never share objects (store-by-value).
     */
    default boolean isShareable(Object decoded) {
        return false;
    }
}
