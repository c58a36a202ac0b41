package io.ultracache.shm;

/** A shared-memory segment could not be created, opened or used. The message says why and what to do. */
public class SegmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SegmentException(String message) {
        super(message);
    }

    public SegmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
