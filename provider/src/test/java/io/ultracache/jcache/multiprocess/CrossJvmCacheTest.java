package io.ultracache.jcache.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Separate JVMs sharing caches through the JCache API alone (see {@link CacheWorker}): each uses
 * {@code Caching.getCachingProvider().getCacheManager()}, the default URI, out of the box.
 */
class CrossJvmCacheTest {
    private static final Duration STEP = Duration.ofSeconds(60);

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("jcache-xjvm");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private JvmProcess worker() {
        JvmProcess p = JvmProcess.start(CacheWorker.class, List.of("-Dultracache.directory=" + dir));
        assertTrue(p.awaitPrefix(0, "READY", STEP).endsWith(" ultracache:default"), "the default cache manager");
        return p;
    }

    @Test
    @Timeout(180)
    void whatOneJvmPutsAnotherGetsAndRemovesAndTheFirstSeesItGone() {
        try (JvmProcess a = worker(); JvmProcess b = worker()) {
            assertEquals(" missing", b.ask("find shared", "OK", STEP), "nothing yet");
            assertEquals("", a.ask("create shared", "OK", STEP));
            assertEquals("", a.ask("put answer 42", "OK", STEP));
            assertEquals(" found", b.ask("find shared", "OK", STEP), "B finds the cache A created");
            assertEquals(" 42", b.ask("get answer", "OK", STEP), "B gets what A put");
            assertEquals(" true", b.ask("remove answer", "OK", STEP));
            assertEquals(" null", a.ask("get answer", "OK", STEP), "A sees B's removal");
            assertEquals(" false", a.ask("containsKey answer", "OK", STEP));
            assertEquals("", a.ask("put other 7", "OK", STEP));
            assertEquals(" 7", b.ask("get other", "OK", STEP));
            a.send("exit");
            a.awaitPrefix(0, "CLOSED", STEP);
            a.waitForSuccess(STEP);
            assertEquals(" 7", b.ask("get other", "OK", STEP), "the cache lives while B has it open");
            b.send("exit");
            b.waitForSuccess(STEP);
        }
        assertEquals(List.of(), TestDirectories.files(dir), "the last JVM to close removed the segments");
    }

    @Test
    @Timeout(300)
    void invokeIncrementsFromFourJvmsSumExactly() {
        List<JvmProcess> workers = new ArrayList<>();
        try {
            for (int i = 0; i < 4; i++) {
                JvmProcess w = worker();
                workers.add(w);
                assertEquals("", w.ask("create counters", "OK", STEP), "each JVM creates, or attaches to, the cache");
            }
            List<Integer> marks = new ArrayList<>();
            for (JvmProcess w : workers) {
                marks.add(w.lineCount());
                w.send("incr n 25000");
            }
            for (int i = 0; i < workers.size(); i++) {
                String answer = workers.get(i).awaitPrefix(marks.get(i), "OK", Duration.ofSeconds(240));
                assertEquals("", answer, workers.get(i).output());
            }
            for (JvmProcess w : workers) {
                assertEquals(" 100000", w.ask("get n", "OK", STEP), "4 x 25,000 increments, none lost");
            }
            for (JvmProcess w : workers) {
                w.send("exit");
                w.waitForSuccess(STEP);
            }
        } finally {
            workers.forEach(JvmProcess::close);
        }
    }
}
