package io.ultracache.store.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import io.ultracache.store.StoreFeed;
import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The files of a generation another process replaced are unmapped here as soon as no reader of
 * this process is inside them, not when the garbage collector gets round to it: a removed file's
 * pages stay in shared memory while any process maps it. Readers that are inside (a get in
 * flight, an iterator not yet exhausted) keep reading the old generation's bytes whole. A change
 * feed, which maps the generations it follows itself, lets each go as it moves on.
 */
class RetiredGenerationsTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private static final String RATIO = "2";
    private static final int KEYS = 500;

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("retired");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    @Test
    @Timeout(180)
    void generationsReplacedByAnotherProcessAreUnmappedOnceTheirReadersLeave() throws Exception {
        StoreConfig config = StoreConfig.builder("multiprocess", "retired").directory(dir).streamMinBytes(4096).streamMaxBytes(4096)
                .streamToDumpRatio(Double.parseDouble(RATIO)).unlinkOnLastClose(false).build();
        try (JvmProcess writer = JvmProcess.start(StoreWorker.class, dir.toString(), "retired", "4096", "10000", "false", RATIO)) {
            writer.awaitPrefix(0, "READY", STEP);
            assertEquals("OK", writer.ask("write 0 " + KEYS + " first", "", STEP));
            try (SharedStore store = SharedStore.open(config)) {
                long firstGeneration = generation(store);
                Iterator<StoreEntry> held = store.iterator(); // holds the first generation mapped
                Map<Object, Object> heard = new ConcurrentHashMap<>();
                StoreFeed feed = store.follow(change -> heard.put(change.key(), change.value()));
                AtomicBoolean reading = new AtomicBoolean(true);
                AtomicReference<Throwable> readFailure = new AtomicReference<>();
                List<Thread> readers = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    Thread reader = new Thread(() -> {
                        try {
                            for (int i = 0; reading.get(); i = (i + 7) % KEYS) {
                                Object value = store.get("k" + i);
                                if (!(value instanceof String) || !((String) value).endsWith("-" + i)) {
                                    throw new AssertionError("k" + i + " read as " + value);
                                }
                            }
                        } catch (Throwable e) {
                            readFailure.set(e);
                        }
                    });
                    reader.start();
                    readers.add(reader);
                }
                for (int pass = 0; pass < 40; pass++) {
                    assertEquals("OK", writer.ask("write 0 " + KEYS + " pass" + pass, "", STEP));
                }
                reading.set(false);
                for (Thread reader : readers) {
                    reader.join(STEP.toMillis());
                }
                assertEquals(null, readFailure.get(), "a reader failed while generations were replaced");
                long lastGeneration = generation(store);
                assertTrue(lastGeneration >= firstGeneration + 10, "the writer went through generations "
                        + firstGeneration + " to " + lastGeneration);

                long deadline = System.nanoTime() + STEP.toNanos();
                while (finalValuesHeard(heard) < KEYS && System.nanoTime() < deadline) {
                    Thread.sleep(10);
                }
                assertEquals(KEYS, finalValuesHeard(heard), "the feed caught up with the last pass");
                assertEquals(2, removedFilesMapped(), () -> "only the held iterator's dump and stream stay mapped: " + removedFiles());
                int seen = 0;
                while (held.hasNext()) {
                    StoreEntry entry = held.next();
                    String key = (String) entry.key();
                    assertEquals("first-" + key.substring(1), entry.value(), "the iterator reads its own generation whole");
                    seen++;
                }
                assertEquals(KEYS, seen);
                assertEquals(0, removedFilesMapped(), "an exhausted iterator lets its generation go");
                assertEquals("pass39-3", store.get("k3"));
                feed.close();
            }
            writer.send("exit");
            writer.waitForSuccess(STEP);
        }
    }

    /** Keys whose latest change the feed reported is the writer's last pass (a lagging feed may skip the ones between). */
    private static long finalValuesHeard(Map<Object, Object> heard) {
        return heard.values().stream().filter(v -> String.valueOf(v).startsWith("pass39-")).count();
    }

    private static long generation(SharedStore store) {
        return store.status().generation();
    }

    /** Files of the test directory that were removed and that this process still maps. */
    private long removedFilesMapped() {
        return removedFiles().size();
    }

    private List<String> removedFiles() {
        try {
            String prefix = dir.toRealPath().toString();
            return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                    .filter(line -> line.contains(prefix) && line.endsWith("(deleted)"))
                    .map(line -> line.substring(line.indexOf('/')))
                    .distinct()
                    .collect(java.util.stream.Collectors.toList());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
