package io.ultracache.shm;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A mutual-exclusion lock shared by processes: one 8-byte word in a segment that holds the
 * {@link ProcessIdentity#token() token} of the owning process, or 0 when free.
 *
 * <p>Threads of one process first take a JVM-wide {@link ReentrantLock} for the same lock word,
 * so only one thread per process ever competes for the word, and re-entry by the owning thread is
 * counted locally. A waiter spins briefly, then yields, then parks with exponential back-off. Now
 * and then it checks whether the owner is still alive: a dead owner's lock is taken over with a
 * compare-and-set from that owner's token, so it can only happen once, and a live owner is never
 * robbed. Waiting longer than the timeout raises {@link LockTimeoutException} naming the owner.
 * A waiter may give the lock a task to run while the word is busy (see
 * {@link #lock(long, Runnable)}), so that work it would otherwise do once it holds the lock is done
 * before, and the lock is held for less time.
 *
 * <p>Memory effects: the compare-and-set that takes the word and the release store that frees it
 * order everything the owner did before unlocking before everything the next owner does.
 */
public final class SharedLock {
    private static final ConcurrentHashMap<String, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    // Critical sections are a few microseconds. With more processes than cores the owner is often
    // descheduled, so yielding (which lets it run) beats spinning, and a long park would leave the
    // lock idle after it is freed: the park is capped at a few critical sections.
    private static final int SPINS = 64;
    private static final int YIELDS = 200;
    private static final int SPINS_PER_TASK = 16;
    private static final long MAX_PARK_NANOS = TimeUnit.MICROSECONDS.toNanos(50);
    private static final long LIVENESS_CHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final Segment segment;
    private final long wordOffset;
    private final String description;
    private final ReentrantLock localLock;
    private final long self = ProcessIdentity.CURRENT.token();

    /**
     * @param identity    names the lock word across this JVM (for example the segment file's path),
     *                    so every {@code SharedLock} on the same word shares one local lock
     * @param description what the lock protects, for messages
     */
    public SharedLock(Segment segment, long wordOffset, String identity, String description) {
        if ((wordOffset & 7) != 0) {
            throw new IllegalArgumentException("lock word must be 8-byte aligned: " + wordOffset);
        }
        this.segment = segment;
        this.wordOffset = wordOffset;
        this.description = description;
        this.localLock = LOCAL_LOCKS.computeIfAbsent(identity + "@" + wordOffset, k -> new ReentrantLock());
    }

    /**
     * Takes the lock, waiting at most {@code timeoutNanos}.
     *
     * @return true if the lock was taken over from a process that died holding it; the caller
     *         must then repair whatever that process may have left half-done
     * @throws LockTimeoutException if a live process held it for the whole timeout
     */
    public boolean lock(long timeoutNanos) {
        return lock(timeoutNanos, null);
    }

    /**
     * Takes the lock as {@link #lock(long)} does; while another process holds it, runs
     * {@code whileWaiting} now and then (before each yield or park, and every {@value #SPINS_PER_TASK}
     * spins). The task runs on this thread, must be short, and must not take this lock; an
     * exception from it ends the wait and is thrown from here.
     *
     * @param whileWaiting work to do while waiting, or null
     */
    public boolean lock(long timeoutNanos, Runnable whileWaiting) {
        long start = System.nanoTime();
        try {
            if (!LocalLocks.tryLockSpinning(localLock) && !localLock.tryLock(timeoutNanos, TimeUnit.NANOSECONDS)) {
                throw timeout(timeoutNanos, segment.getLongVolatile(wordOffset), "another thread of this process");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SegmentException("interrupted while waiting for the lock of " + description, e);
        }
        if (localLock.getHoldCount() > 1) {
            return false; // re-entered by the owning thread
        }
        try {
            return lockWord(start, timeoutNanos, whileWaiting);
        } catch (RuntimeException | Error e) {
            localLock.unlock();
            throw e;
        }
    }

    private boolean lockWord(long start, long timeoutNanos, Runnable whileWaiting) {
        if (segment.compareAndSetLong(wordOffset, 0, self)) {
            return false;
        }
        int attempts = 0;
        long park = 1_000;
        long nextLivenessCheck = start + LIVENESS_CHECK_NANOS;
        while (true) {
            long owner = segment.getLongVolatile(wordOffset);
            if (owner == 0) {
                if (segment.compareAndSetLong(wordOffset, 0, self)) {
                    return false;
                }
                continue;
            }
            if (owner == self) {
                // only possible if this process left the word set: take it as ours
                return false;
            }
            long now = System.nanoTime();
            if (now - nextLivenessCheck >= 0) {
                nextLivenessCheck = now + LIVENESS_CHECK_NANOS;
                if (!ProcessIdentity.isAlive(owner) && segment.compareAndSetLong(wordOffset, owner, self)) {
                    return true;
                }
            }
            if (now - start > timeoutNanos) {
                throw timeout(timeoutNanos, owner, null);
            }
            attempts++;
            if (whileWaiting != null && (attempts >= SPINS || attempts % SPINS_PER_TASK == 0)) {
                whileWaiting.run();
            }
            if (attempts < SPINS) {
                Thread.onSpinWait();
            } else if (attempts < SPINS + YIELDS) {
                Thread.yield();
            } else {
                LockSupport.parkNanos(park);
                park = Math.min(park * 2, MAX_PARK_NANOS);
            }
        }
    }

    /** Releases the lock (or one level of re-entry). Must be called by the thread that locked. */
    public void unlock() {
        if (!localLock.isHeldByCurrentThread()) {
            throw new IllegalMonitorStateException("the lock of " + description + " is not held by this thread");
        }
        try {
            if (localLock.getHoldCount() == 1) {
                segment.compareAndSetLong(wordOffset, self, 0);
            }
        } finally {
            localLock.unlock();
        }
    }

    /** Whether the current thread holds this lock. */
    public boolean isHeldByCurrentThread() {
        return localLock.isHeldByCurrentThread();
    }

    /** Token of the process holding the word now, or 0. */
    public long ownerToken() {
        return segment.getLongVolatile(wordOffset);
    }

    private LockTimeoutException timeout(long timeoutNanos, long owner, String holder) {
        String who = holder != null ? holder : ProcessIdentity.describe(owner);
        return new LockTimeoutException("timed out after " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos)
                + " ms waiting for the lock of " + description + ": it is held by " + who
                + ". A live owner is never robbed; if that process is stuck, look at it"
                + " (jstack " + ProcessIdentity.pidOf(owner) + "), or raise the lock timeout"
                + " if it holds the lock legitimately for that long (a slow entry processor,"
                + " loader or writer).", ProcessIdentity.pidOf(owner));
    }
}
