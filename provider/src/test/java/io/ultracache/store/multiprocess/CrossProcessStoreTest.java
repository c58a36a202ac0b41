package io.ultracache.store.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Visibility, atomicity, whole reads and huge values between separate JVMs. */
class CrossProcessStoreTest {
    private static final Duration STEP = Duration.ofSeconds(60);

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("xproc");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    /** Sends a command and returns the whole answer line (OK ..., BAD ..., ERR ...). */
    private static String answer(JvmProcess process, String command) {
        return process.ask(command, "", STEP);
    }

    private JvmProcess worker(String store, long streamBytes) {
        JvmProcess p = JvmProcess.start(StoreWorker.class, dir.toString(), store, Long.toString(streamBytes), "10000", "false");
        p.awaitPrefix(0, "READY", STEP);
        return p;
    }

    @Test
    @Timeout(180)
    void writesRemovesAndClearAreSeenByEveryProcess() {
        try (JvmProcess a = worker("visibility", 16 * 1024);
             JvmProcess b = worker("visibility", 16 * 1024);
             JvmProcess c = worker("visibility", 16 * 1024)) {
            assertEquals("", a.ask("write 0 10000", "OK", STEP));
            assertEquals(" 10000 0", b.ask("check 0 10000 1", "OK", STEP), "B reads every entry A wrote");
            assertEquals(" 5000", b.ask("remove 0 10000 2", "OK", STEP));
            assertEquals(" 0 5000", c.ask("check 0 10000 2", "OK", STEP), "C sees B's removals");
            assertEquals(" 5000 0", c.ask("check 1 10000 2", "OK", STEP), "C sees the other half");
            assertEquals(" 5000", a.ask("size", "OK", STEP));
            assertEquals("", c.ask("clear", "OK", STEP));
            assertEquals(" 0", a.ask("size", "OK", STEP));
            assertEquals(" 0", b.ask("size", "OK", STEP));
            assertEquals(" 0 10000", a.ask("check 0 10000 1", "OK", STEP));
        }
    }

    /**
     * A process that reads the same keys again and again answers from its near cache; every write
     * of another process must still be seen by its next read: overwrites within one generation,
     * across one new generation, across several generations it skipped, removes and a clear.
     */
    @Test
    @Timeout(180)
    void repeatedReadsSeeEveryWriteOfAnotherProcess() {
        try (JvmProcess writer = worker("near", 4096);
             JvmProcess reader = worker("near", 4096)) {
            assertEquals("OK", answer(writer, "write 0 50 a"));
            for (int i = 0; i < 3; i++) {
                assertEquals("OK 50 0", answer(reader, "check 0 50 1 a"), "reads fill the near cache");
            }
            assertEquals("OK", answer(writer, "write 7 8 b")); // one record, same generation
            assertEquals("OK 1 0", answer(reader, "check 7 8 1 b"));
            assertEquals("OK", answer(writer, "write 0 50 c")); // ~2 KiB of records: a new generation or two
            assertEquals("OK 50 0", answer(reader, "check 0 50 1 c"));
            assertEquals("OK 50 0", answer(reader, "check 0 50 1 c"));
            for (int round = 0; round < 10; round++) { // many generations the reader never sees
                assertEquals("OK", answer(writer, "write 0 50 d" + round));
            }
            assertEquals("OK 50 0", answer(reader, "check 0 50 1 d9"));
            assertEquals("OK 25", answer(writer, "remove 0 50 2"));
            assertEquals("OK 0 25", answer(reader, "check 0 50 2 d9"));
            assertEquals("OK 25 0", answer(reader, "check 1 50 2 d9"));
            assertEquals("OK", answer(writer, "clear"));
            assertEquals("OK 0 50", answer(reader, "check 0 50 1 d9"));
            assertEquals("OK", answer(writer, "write 0 50 e"));
            assertEquals("OK 50 0", answer(reader, "check 0 50 1 e"));
        }
    }

    @Test
    @Timeout(300)
    void incrementsFromFourProcessesAreAtomic() {
        List<JvmProcess> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                workers.add(worker("atomic", 64 * 1024));
            }
            List<Integer> marks = new ArrayList<>();
            long start = System.nanoTime();
            for (JvmProcess w : workers) {
                marks.add(w.lineCount());
                w.send("incr counter 25000");
            }
            for (int i = 0; i < workers.size(); i++) {
                assertEquals("", workers.get(i).awaitPrefix(marks.get(i), "OK", Duration.ofSeconds(240)));
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(" 100000", workers.get(0).ask("get counter", "OK", STEP));
            System.out.println("4 processes x 25,000 increments: 100,000 in " + millis + " ms");
        } finally {
            workers.forEach(JvmProcess::close);
        }
    }

    @Test
    @Timeout(240)
    void readersNeverSeeTornValuesWhileDumpsHappen() {
        String store = "torn";
        String[] args = {"10", "64", "300"}; // at least 10 s and 300 generations
        try (JvmProcess writer = JvmProcess.start(TornReadWorker.class, dir.toString(), store, "writer", args[0], args[1], args[2]);
             JvmProcess reader1 = JvmProcess.start(TornReadWorker.class, dir.toString(), store, "reader", args[0], args[1], args[2]);
             JvmProcess reader2 = JvmProcess.start(TornReadWorker.class, dir.toString(), store, "reader", args[0], args[1], args[2])) {
            String written = writer.awaitPrefix(0, "DONE ", Duration.ofSeconds(150));
            Matcher w = Pattern.compile("writes=(\\d+) generation=(\\d+)").matcher(written);
            assertTrue(w.find(), written);
            long generations = Long.parseLong(w.group(2));
            assertTrue(generations >= 300, "expected hundreds of dumps, got " + generations);
            System.out.println("torn-read writer: " + written);
            for (JvmProcess reader : List.of(reader1, reader2)) {
                String result = reader.awaitPrefix(0, "DONE ", Duration.ofSeconds(150));
                Matcher r = Pattern.compile("reads=(\\d+) valid=(\\d+) missing=(\\d+) invalid=(\\d+)").matcher(result);
                assertTrue(r.find(), result);
                System.out.println("torn-read reader: " + result);
                assertEquals(0, Long.parseLong(r.group(4)), "invalid reads: " + result);
                assertTrue(Long.parseLong(r.group(2)) > 10_000, "too few valid reads to mean anything: " + result);
            }
        }
    }

    @Test
    @Timeout(120)
    void valueLargerThanTheStreamIsReadWholeByAnotherProcess() {
        try (JvmProcess a = worker("huge", 64 * 1024);
             JvmProcess b = worker("huge", 64 * 1024)) {
            int size = 24 << 20;
            assertEquals("", a.ask("put small x", "OK", STEP));
            assertEquals("", a.ask("puthuge big " + size, "OK", STEP));
            assertEquals("", b.ask("checkhuge big " + size, "OK", STEP));
            assertEquals(" x", b.ask("get small", "OK", STEP));
            assertEquals("", b.ask("put after y", "OK", STEP));
            assertEquals("", a.ask("checkhuge big " + size, "OK", STEP));
            assertEquals(" y", a.ask("get after", "OK", STEP));
        }
    }

    @Test
    @Timeout(240)
    void attachingWhileAnotherProcessRemovesTheStoreNeverReadsGarbage() {
        List<JvmProcess> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                workers.add(JvmProcess.start(ChurnWorker.class, dir.toString(), "churn", "300"));
            }
            for (JvmProcess w : workers) {
                w.waitForSuccess(Duration.ofSeconds(200));
                assertTrue(w.output().contains("DONE"), w.output());
            }
            assertEquals(List.of(), TestDirectories.files(dir), "the last close removed every segment");
        } finally {
            workers.forEach(JvmProcess::close);
        }
    }

    @Test
    @Timeout(120)
    void counterTotalsIncludeProcessesThatClosedOrDied() {
        StoreConfig config = StoreConfig.builder("multiprocess", "counters").directory(dir).streamMinBytes(64 * 1024).streamMaxBytes(64 * 1024).build();
        try (SharedStore observer = SharedStore.open(config)) {
            try (JvmProcess closing = worker("counters", 64 * 1024);
                 JvmProcess dying = worker("counters", 64 * 1024);
                 JvmProcess staying = worker("counters", 64 * 1024)) {
                assertEquals("OK", answer(closing, "count HITS 5"));
                assertEquals("OK", answer(dying, "count HITS 7"));
                assertEquals("OK", answer(dying, "count PUTS 3"));
                assertEquals("OK", answer(staying, "count HITS 11"));
                closing.send("exit");
                closing.waitForSuccess(STEP);
                dying.kill9();
                observer.count(io.ultracache.store.StoreCounter.HITS, 1);
                long[] totals = observer.counterTotals();
                assertEquals(5 + 7 + 11 + 1, totals[io.ultracache.store.StoreCounter.HITS.ordinal()]);
                assertEquals(3, totals[io.ultracache.store.StoreCounter.PUTS.ordinal()]);
                assertEquals(1, observer.counter(io.ultracache.store.StoreCounter.HITS), "a handle's own count");
            }
            try (SharedStore reclaimer = SharedStore.open(config)) { // may take over the dead process's slot
                assertEquals(24, reclaimer.status().total(io.ultracache.store.StoreCounter.HITS));
            }
        }
    }

    @Test
    @Timeout(60)
    void storeSurvivesItsCreatorWhenUnlinkOnCloseIsOff() {
        try (JvmProcess a = worker("persist", 64 * 1024)) {
            assertEquals("", a.ask("write 0 100", "OK", STEP));
            a.send("exit");
            a.waitForSuccess(STEP);
        }
        StoreConfig config = StoreConfig.builder("multiprocess", "persist").directory(dir).createIfMissing(false).build();
        try (SharedStore store = SharedStore.open(config)) {
            assertEquals("value-42", store.get("k42"));
        }
    }
}
