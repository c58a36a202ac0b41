package io.ultracache.store.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** kill -9 at random moments, and a live lock owner that must not be robbed. */
class CrashTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final long LOCK_TIMEOUT_MILLIS = 10_000;

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("crash");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private JvmProcess worker(String store, long lockTimeoutMillis) {
        JvmProcess p = JvmProcess.start(StoreWorker.class, dir.toString(), store, "4096", Long.toString(lockTimeoutMillis), "false");
        p.awaitPrefix(0, "READY", STEP);
        return p;
    }

    @Test
    @Timeout(600)
    void killingTheLockHolderLosesAtMostItsInFlightOperation() throws IOException {
        String store = "crash";
        StoreConfig observe = StoreConfig.builder("multiprocess", store).directory(dir)
                .streamMinBytes(4096).streamMaxBytes(4096).unlinkOnLastClose(false).build();
        Random random = new Random();
        int killedHoldingLock = 0;
        long slowestRecoveryMillis = 0;
        try (SharedStore observer = SharedStore.open(observe);
             JvmProcess survivor = worker(store, LOCK_TIMEOUT_MILLIS)) {
            for (int round = 1; round <= 20; round++) {
                long ackBefore = observer.get("counter") == null ? 0 : (Long) observer.get("counter");
                long ack;
                Path ackFile = Files.write(dir.resolve("ack-" + round), new byte[8]);
                try (JvmProcess victim = JvmProcess.start(CrashVictim.class, dir.toString(), store, "counter",
                        Long.toString(LOCK_TIMEOUT_MILLIS), ackFile.toString())) {
                    victim.awaitPrefix(0, "ACK ", STEP);
                    sleepMillis(random.nextInt(150));
                    victim.kill9();
                    if (observer.status().lockOwnerPid() == victim.pid()) {
                        killedHoldingLock++; // it died with its token in the lock word
                    }
                    ack = ByteBuffer.wrap(Files.readAllBytes(ackFile)).getLong(); // big-endian, as the victim wrote it
                    Files.delete(ackFile);
                }
                assertTrue(ack > ackBefore, "the victim committed increments before it was killed");

                long start = System.nanoTime();
                assertEquals("", survivor.ask("incr survivor 1", "OK", Duration.ofMillis(LOCK_TIMEOUT_MILLIS)),
                        "the survivor gets the lock within the lock timeout");
                slowestRecoveryMillis = Math.max(slowestRecoveryMillis, (System.nanoTime() - start) / 1_000_000);

                long counter = (Long) observer.get("counter");
                assertTrue(counter == ack || counter == ack + 1,
                        "round " + round + ": last acknowledged increment " + ack + ", counter " + counter
                                + ": only the in-flight increment may be missing or present");
                for (int f = 0; f < CrashVictim.FILLERS; f++) {
                    Object filler = observer.get("filler" + f);
                    assertTrue(filler == null || SelfCheckingValue.isValid(filler, f), "filler " + f + " is whole");
                }
            }
            assertEquals(" 20", survivor.ask("get survivor", "OK", STEP));
            assertEquals(3, TestDirectories.files(dir).stream().filter(f -> f.startsWith("uc-")).count(),
                    "after take-overs only the control segment and the current generation remain: " + TestDirectories.files(dir));
            System.out.println("20 kills, " + killedHoldingLock + " while holding the lock;"
                    + " slowest recovery of the survivor: " + slowestRecoveryMillis + " ms");
            assertTrue(killedHoldingLock >= 10, "most kills should hit the victim holding the lock: " + killedHoldingLock);
        }
    }

    @Test
    @Timeout(120)
    void aLiveOwnerIsNeverRobbedTheWaiterTimesOut() {
        try (JvmProcess holder = worker("robbery", LOCK_TIMEOUT_MILLIS);
             JvmProcess waiter = worker("robbery", 1000)) {
            int mark = holder.lineCount();
            holder.send("hold 4000");
            holder.awaitPrefix(mark, "HOLDING", STEP);
            String answer = waiter.ask("put x y", "", STEP);
            assertTrue(answer.startsWith("ERR io.ultracache.shm.LockTimeoutException"), answer);
            assertTrue(answer.contains("pid " + holder.pid() + " (alive)"), "names the live owner: " + answer);
            holder.awaitPrefix(mark, "OK", STEP);
            assertEquals(" by " + holder.pid(), waiter.ask("get held", "OK", STEP), "the holder's write went through");
            assertEquals("", waiter.ask("put x y", "OK", STEP));
        }
    }

    private static void sleepMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
