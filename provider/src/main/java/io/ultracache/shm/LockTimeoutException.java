package io.ultracache.shm;

/**
 * Waiting for a cross-process lock took longer than the configured timeout, because a live
 * process holds it. A live owner is never robbed of its lock; the message names it.
 */
public class LockTimeoutException extends SegmentException {
    private static final long serialVersionUID = 1L;
    private final long ownerPid;

    public LockTimeoutException(String message, long ownerPid) {
        super(message);
        this.ownerPid = ownerPid;
    }

    /** The pid of the process that held the lock when the wait ended (0 if it was released just then). */
    public long ownerPid() {
        return ownerPid;
    }
}
