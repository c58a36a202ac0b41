package io.ultracache.serial;

/**
 * A value could not be written or read. The message names the value's class and the serializer,
 * and says what to do; the cache is left as it was.
 */
public class SerializationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SerializationException(String message) {
        super(message);
    }

    public SerializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
