package io.ultracache.store.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreChange;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import io.ultracache.store.StoreFeed;
import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A store's change feed, fed by writes of another process. */
class StoreFeedTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    /** Small streams (twice a dump of 4 KiB at least), so that a few hundred writes span several generations. */
    private static final String STREAM_TO_DUMP_RATIO = "2";
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("feed");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    /** Collects changes as "KIND key old->new" strings. */
    private static final class Recorder implements StoreFeed.Listener {
        final List<String> changes = new ArrayList<>();

        @Override
        public synchronized void onChange(StoreChange c) {
            String value = c.value() instanceof byte[] ? "byte[" + ((byte[]) c.value()).length + "]" : String.valueOf(c.value());
            changes.add(c.kind() + " " + c.key() + " " + c.oldValue() + "->" + value);
            notifyAll();
        }

        synchronized List<String> awaitCount(int count) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (changes.size() < count && System.nanoTime() < deadline) {
                wait(100);
            }
            return new ArrayList<>(changes);
        }

        synchronized List<String> of(String key) {
            List<String> mine = new ArrayList<>();
            for (String change : changes) {
                if (change.split(" ")[1].equals(key)) {
                    mine.add(change);
                }
            }
            return mine;
        }
    }

    private JvmProcess worker(String store) {
        JvmProcess p = JvmProcess.start(StoreWorker.class, dir.toString(), store, "4096", "10000", "false", STREAM_TO_DUMP_RATIO);
        p.awaitPrefix(0, "READY", STEP);
        return p;
    }

    private SharedStore open(String store) {
        return SharedStore.open(StoreConfig.builder("multiprocess", store).directory(dir).streamMinBytes(4096).streamMaxBytes(4096)
                .streamToDumpRatio(Double.parseDouble(STREAM_TO_DUMP_RATIO)).unlinkOnLastClose(false).build());
    }

    @Test
    @Timeout(120)
    void reportsEveryChangeOfAnotherProcessInOrderAcrossGenerations() throws Exception {
        Recorder recorder = new Recorder();
        try (SharedStore store = open("events");
             StoreFeed feed = store.follow(recorder);
             JvmProcess writer = worker("events")) {
            writer.ask("write 0 100 a", "OK", STEP);
            writer.ask("write 0 100 b", "OK", STEP);
            writer.ask("remove 0 100 2", "OK", STEP);
            writer.ask("puthuge big 20000", "OK", STEP); // larger than the 4 KiB stream: straight into a dump
            writer.ask("clear", "OK", STEP);
            writer.ask("write 0 1 c", "OK", STEP);
            List<String> all = recorder.awaitCount(100 + 100 + 50 + 1 + 1);
            assertEquals(252, all.size(), "no change lost, none made up (a clear reports nothing): " + all.size());
            assertEquals(List.of("CREATED k0 null->a-0", "UPDATED k0 a-0->b-0", "REMOVED k0 b-0->null", "CREATED k0 null->c-0"), recorder.of("k0"));
            assertEquals(List.of("CREATED k1 null->a-1", "UPDATED k1 a-1->b-1"), recorder.of("k1"));
            assertEquals(List.of("CREATED big null->byte[20000]"), recorder.of("big"));
            assertTrue(store.status().generation() >= 3, "the writes spanned several generations: " + store.status());
            assertTrue(feed.isRunning());
        }
    }

    @Test
    @Timeout(120)
    void reportsExpiryFoundOnAccessAndExpiryDroppedByADump() throws Exception {
        Recorder recorder = new Recorder();
        try (SharedStore store = open("expiry");
             StoreFeed feed = store.follow(recorder);
             JvmProcess writer = worker("expiry")) {
            writer.ask("putttl seen v1 300", "OK", STEP);
            writer.ask("putttl unseen v2 300", "OK", STEP);
            Thread.sleep(600);
            assertEquals(" true", writer.ask("expire seen", "OK", STEP));
            writer.ask("write 0 200 filler", "OK", STEP); // fills the stream: a dump drops "unseen"
            recorder.awaitCount(2 + 1 + 200 + 1);
            assertEquals(List.of("CREATED seen null->v1", "EXPIRED seen v1->v1"), recorder.of("seen"));
            assertEquals(List.of("CREATED unseen null->v2", "EXPIRED unseen v2->v2"), recorder.of("unseen"));
        }
    }

    @Test
    @Timeout(120)
    void aFeedThatFellGenerationsBehindReportsEachKeysFinalState() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Map<Object, Object> mirror = new HashMap<>();
        List<String> expiries = new java.util.concurrent.CopyOnWriteArrayList<>();
        StoreFeed.Listener slow = change -> {
            if (change.kind() == StoreChange.Kind.EXPIRED) {
                expiries.add(change.key() + "=" + change.value());
            }
            try {
                release.await(); // hold the feed back while the writer races through generations
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (mirror) {
                if (change.kind() == StoreChange.Kind.CREATED || change.kind() == StoreChange.Kind.UPDATED) {
                    mirror.put(change.key(), change.value());
                } else {
                    mirror.remove(change.key());
                }
                mirror.notifyAll();
            }
        };
        try (SharedStore store = open("behind");
             StoreFeed feed = store.follow(slow);
             JvmProcess writer = worker("behind")) {
            writer.ask("putttl ttl x 300", "OK", STEP); // its CREATED holds the feed; it expires meanwhile
            writer.ask("write 0 50 a", "OK", STEP);
            Thread.sleep(400);
            for (int round = 0; round < 20; round++) {
                writer.ask("write 0 50 r" + round, "OK", STEP);
            }
            writer.ask("remove 0 50 5", "OK", STEP);
            release.countDown();
            Map<Object, Object> expected = new HashMap<>();
            for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
                StoreEntry e = it.next();
                expected.put(e.key(), e.value());
            }
            assertEquals(40, expected.size());
            Predicate<Map<Object, Object>> caughtUp = m -> m.equals(expected);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (mirror) {
                while (!caughtUp.test(mirror) && System.nanoTime() < deadline) {
                    mirror.wait(100);
                }
                assertEquals(expected, mirror, "replaying the reported changes gives the store's content");
            }
            assertEquals(List.of("ttl=x"), expiries, "the entry that expired in generations the feed skipped is reported expired");
        }
    }

    @Test
    @Timeout(120)
    void deliveryDelayFromAPutInAnotherProcess() throws Exception {
        int count = 2000;
        long[] delays = new long[count];
        CountDownLatch all = new CountDownLatch(count);
        StoreFeed.Listener timing = change -> {
            long received = System.nanoTime();
            String key = (String) change.key();
            if (key.startsWith("s") && change.kind() == StoreChange.Kind.CREATED) {
                delays[Integer.parseInt(key.substring(1))] = received - (Long) change.value();
                all.countDown();
            }
        };
        try (SharedStore store = open("delay");
             StoreFeed feed = store.follow(timing);
             JvmProcess writer = worker("delay")) {
            writer.ask("stamp " + count, "OK", Duration.ofSeconds(100));
            assertTrue(all.await(30, TimeUnit.SECONDS), "every put reported");
            long[] sorted = delays.clone();
            Arrays.sort(sorted);
            assertTrue(sorted[0] > 0, "a change is reported after it was made");
            System.out.printf("feed delivery delay over %d puts from another JVM: p50 %.1f us, p99 %.1f us, max %.1f us%n",
                    count, sorted[count / 2] / 1e3, sorted[count * 99 / 100] / 1e3, sorted[count - 1] / 1e3);
        }
    }
}
