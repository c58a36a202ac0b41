package io.ultracache.shm;

/**
 * A segment's bytes are not what this version of UltraCache wrote: a foreign file, another
 * layout version, a truncated or damaged segment, or a checksum that does not match.
 */
public class SegmentFormatException extends SegmentException {
    private static final long serialVersionUID = 1L;

    public SegmentFormatException(String message) {
        super(message);
    }
}
