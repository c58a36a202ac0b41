package io.ultracache.shm;

import java.util.concurrent.locks.ReentrantLock;

/** How this library takes a lock of its own JVM that guards a short section. */
public final class LocalLocks {
    /** Attempts before queuing: a few microseconds, about one short critical section. */
    private static final int ATTEMPTS = 200;

    private LocalLocks() {
    }

    /**
     * Tries for {@code lock} for a moment before the caller queues for it. A queued thread is
     * parked, and while the lock stays busy every unlock then wakes a waiter (a system call), which
     * made two writing threads of one process slower than one.
     *
     * @return whether the lock was taken
     */
    public static boolean tryLockSpinning(ReentrantLock lock) {
        for (int i = 0; i < ATTEMPTS; i++) {
            if (lock.tryLock()) {
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }
}
