package io.ultracache.shm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The task a waiter runs while another process holds the lock word. The other owner is a real,
 * live process (a {@code sleep}), whose token is written into the word as its lock would.
 */
@Timeout(60)
class SharedLockTest {
    private static final long WORD = 64;
    private static final long TIMEOUT = TimeUnit.SECONDS.toNanos(20);

    private Path dir;
    private Segment segment;
    private SharedLock lock;
    private Process otherOwner;

    @BeforeEach
    void setUp() throws IOException {
        dir = TestDirectories.create("lock");
        segment = SegmentDirectory.of(dir).createInitialized("lock", 4096, s -> { });
        lock = new SharedLock(segment, WORD, dir.resolve("lock").toString(), "the test lock");
        otherOwner = new ProcessBuilder("sleep", "60").start();
    }

    @AfterEach
    void tearDown() {
        otherOwner.destroyForcibly();
        segment.release();
        TestDirectories.delete(dir);
    }

    private long holdByOtherProcess() {
        ProcessIdentity other = ProcessIdentity.of(otherOwner.pid());
        assertNotNull(other, "the other process runs");
        segment.putLongVolatile(WORD, other.token());
        return other.token();
    }

    @Test
    void aFreeLockIsTakenWithoutRunningTheTask() {
        AtomicInteger runs = new AtomicInteger();
        assertFalse(lock.lock(TIMEOUT, runs::incrementAndGet));
        try {
            assertEquals(ProcessIdentity.CURRENT.token(), lock.ownerToken());
            assertEquals(0, runs.get());
        } finally {
            lock.unlock();
        }
    }

    @Test
    void theTaskRunsWhileAnotherProcessHoldsTheLockAndTheLockIsTakenOnceFreed() throws Exception {
        long other = holdByOtherProcess();
        AtomicInteger runs = new AtomicInteger();
        Thread owner = new Thread(() -> {
            while (runs.get() < 10) {
                Thread.onSpinWait();
            }
            assertTrue(segment.compareAndSetLong(WORD, other, 0), "the other process still held the word");
        });
        owner.start();
        assertFalse(lock.lock(TIMEOUT, runs::incrementAndGet), "a live owner is not taken over from");
        try {
            owner.join();
            assertTrue(runs.get() >= 10, "the task ran while waiting: " + runs.get());
            assertEquals(ProcessIdentity.CURRENT.token(), lock.ownerToken());
        } finally {
            lock.unlock();
        }
        assertEquals(0, lock.ownerToken());
    }

    @Test
    void anExceptionFromTheTaskEndsTheWaitAndLeavesTheLockAsItWas() {
        long other = holdByOtherProcess();
        IllegalStateException failure = new IllegalStateException("the task failed");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> lock.lock(TIMEOUT, () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        assertFalse(lock.isHeldByCurrentThread(), "this thread gave back the process's local lock");
        assertEquals(other, lock.ownerToken(), "the other process still holds the word");
        segment.putLongVolatile(WORD, 0);
        assertFalse(lock.lock(TIMEOUT));
        lock.unlock();
    }
}
