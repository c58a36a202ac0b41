package io.ultracache.shm;

/**
 * The segment directory has no room for a new segment (for example a full {@code /dev/shm}).
 * Raised when the segment is created, before anything refers to it, so nothing is lost.
 */
public class SegmentSpaceException extends SegmentException {
    private static final long serialVersionUID = 1L;

    public SegmentSpaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
