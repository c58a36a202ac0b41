package io.ultracache.tool;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreClosedException;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import io.ultracache.store.multiprocess.StoreWorker;
import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line: status, dump, unlink and cleanup, with real processes attached and crashed. */
class UltraCacheToolTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("tool");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private String run(int expectedExit, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        String[] all = new String[args.length + 2];
        all[0] = "--dir";
        all[1] = dir.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        int exit = new UltraCacheTool(new PrintStream(bytes, true, StandardCharsets.UTF_8)).run(all);
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(expectedExit, exit, out);
        return out;
    }

    private StoreConfig config(String name) {
        return StoreConfig.builder("multiprocess", name).directory(dir).streamMinBytes(4096).streamMaxBytes(4096).build();
    }

    private JvmProcess worker(String name, boolean unlinkOnClose) {
        JvmProcess p = JvmProcess.start(StoreWorker.class, dir.toString(), name, "4096", "10000", Boolean.toString(unlinkOnClose));
        p.awaitPrefix(0, "READY", STEP);
        return p;
    }

    @Test
    @Timeout(60)
    void statusShowsEveryCacheWithItsProcessesAndGeneration() {
        try (JvmProcess child = worker("orders", true);
             SharedStore mine = SharedStore.open(config("orders"))) {
            assertEquals("", child.ask("write 0 500", "OK", STEP));
            String out = run(0, "status");
            assertTrue(out.startsWith("1 cache(s) in " + dir), out);
            assertTrue(out.contains("cache 'orders' of 'multiprocess'"), out);
            assertTrue(out.contains("pid " + child.pid() + " since"), out);
            assertTrue(out.contains("pid " + ProcessHandle.current().pid() + " since"), out);
            assertTrue(out.contains("generation  " + mine.status().generation()), out);
            assertTrue(out.contains("serializer  standard"), out);
        }
    }

    @Test
    @Timeout(60)
    void dumpDecodesEntries() {
        try (SharedStore store = SharedStore.open(config("prices"))) {
            store.put("apple", 3L, StoreEntry.ETERNAL);
            store.put("pear", "two fifty", StoreEntry.ETERNAL);
            String out = run(0, "dump", "prices");
            assertTrue(out.contains("2 entries"), out);
            assertTrue(out.contains("  apple = 3"), out);
            assertTrue(out.contains("  pear = two fifty"), out);
            run(1, "dump", "no-such-cache");
        }
    }

    @Test
    @Timeout(60)
    void unlinkDestroysTheCacheForAttachedProcesses() {
        try (JvmProcess child = worker("doomed", true)) {
            assertEquals("", child.ask("write 0 10", "OK", STEP));
            String out = run(0, "unlink", "doomed");
            assertTrue(out.contains("removed cache 'doomed'"), out);
            String answer = child.ask("get k1", "", STEP);
            assertTrue(answer.startsWith("ERR io.ultracache.store.StoreClosedException") && answer.contains("destroyed"), answer);
            assertEquals(List.of(), TestDirectories.files(dir));
        }
    }

    @Test
    @Timeout(120)
    void cleanupRemovesWhatCrashedProcessesLeftAndKeepsWhatLiveOnesUse() {
        try (JvmProcess crashed = worker("crashed", true);
             JvmProcess alive = worker("alive", true)) {
            assertEquals("", crashed.ask("write 0 2000", "OK", STEP));
            assertEquals("", alive.ask("write 0 10", "OK", STEP));
            crashed.kill9();
            List<String> before = TestDirectories.files(dir);
            assertTrue(before.stream().anyMatch(f -> f.contains("-crashed-")), "the crash left segments: " + before);

            String out = run(0, "cleanup");
            assertTrue(out.contains("kept    ") && out.contains("-alive-"), out);
            List<String> after = TestDirectories.files(dir);
            assertFalse(after.stream().anyMatch(f -> f.contains("-crashed-")), "crashed store removed: " + after);
            assertEquals(3, after.stream().filter(f -> f.contains("-alive-")).count(), "live store kept: " + after);
            assertEquals(" 10 0", alive.ask("check 0 10 1", "OK", STEP), "the live store is intact");
        }
    }

    @Test
    @Timeout(120)
    void cleanupNeverRemovesASegmentALiveProcessHasMapped() {
        Path control;
        try (JvmProcess crashed = worker("mapped", true)) {
            assertEquals("", crashed.ask("write 0 10", "OK", STEP));
            crashed.kill9();
            control = dir.resolve(TestDirectories.files(dir).stream().filter(f -> f.endsWith(".ctl")).findFirst().orElseThrow());
        }
        try (JvmProcess holder = JvmProcess.start(MapHolder.class, control.toString())) {
            holder.awaitPrefix(0, "MAPPED", STEP);
            String out = run(0, "cleanup");
            assertTrue(out.contains("mapped by a live process"), out);
            assertTrue(TestDirectories.files(dir).contains(control.getFileName().toString()));
        }
        String out = run(0, "cleanup");
        assertTrue(out.contains("removed " + control.getFileName()), out);
        assertEquals(List.of(), TestDirectories.files(dir));
    }

    @Test
    void usageErrors() {
        assertTrue(run(2).contains("usage:"));
        assertTrue(run(2, "frobnicate").contains("usage:"));
        assertTrue(run(0, "status").startsWith("0 cache(s)"));
    }

    @Test
    void destroyedStoreHandleFailsClearly() {
        SharedStore a = SharedStore.open(config("gone"));
        run(0, "unlink", "gone");
        StoreClosedException e = assertThrows(StoreClosedException.class, () -> a.put("k", "v", StoreEntry.ETERNAL));
        assertTrue(e.getMessage().contains("destroyed"), e.getMessage());
        a.close();
    }
}
