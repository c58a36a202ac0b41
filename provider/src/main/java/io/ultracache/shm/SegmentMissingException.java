package io.ultracache.shm;

/** A segment file that was expected is not there (never created, or removed by another process). */
public class SegmentMissingException extends SegmentException {
    private static final long serialVersionUID = 1L;

    public SegmentMissingException(String message, Throwable cause) {
        super(message, cause);
    }
}
