package io.ultracache.jcache.multiprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.testing.JvmProcess;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What every process must agree on beyond entries, through the JCache API alone, between separate
 * JVMs: discovery with the configuration, destroy, expiry, events, statistics.
 */
class CrossProcessSemanticsTest {
    private static final Duration STEP = Duration.ofSeconds(60);
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("jcache-semantics");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private JvmProcess worker() {
        JvmProcess p = JvmProcess.start(CacheWorker.class, List.of("-Dultracache.directory=" + dir));
        p.awaitPrefix(0, "READY", STEP);
        return p;
    }

    private static String answer(JvmProcess p, String command) {
        return p.ask(command, "", STEP);
    }

    @Test
    @Timeout(120)
    void aCacheCreatedInOneJvmIsFoundInAnotherWithItsConfiguration() {
        try (JvmProcess a = worker(); JvmProcess b = worker(); JvmProcess c = worker()) {
            assertEquals("OK", answer(a, "createwith orders modified 3600000"));
            assertEquals("OK orders", answer(b, "names"), "B's manager lists the cache A created");
            assertEquals("OK found", answer(b, "find orders"));
            assertEquals("OK String Long ModifiedExpiryPolicy 3600000 true", answer(b, "config"),
                    "B has A's key and value types, expiry policy and statistics flag");
            String refused = answer(c, "createwith orders created 1000");
            assertTrue(refused.startsWith("ERR javax.cache.CacheException"), refused);
            assertTrue(refused.contains("jcache.expiryPolicyFactory"), "says what differs: " + refused);
            assertEquals("OK", answer(a, "put k 1"));
            assertEquals("OK 1", answer(b, "get k"), "A's entry is still there and shared");
        }
    }

    @Test
    @Timeout(120)
    void destroyInOneJvmEndsTheCacheForTheOthers() {
        try (JvmProcess a = worker(); JvmProcess b = worker()) {
            assertEquals("OK", answer(a, "create doomed"));
            assertEquals("OK", answer(a, "put k 1"));
            assertEquals("OK found", answer(b, "find doomed"));
            assertEquals("OK", answer(a, "destroy doomed"));
            String after = answer(b, "get k");
            // StoreClosedException is the IllegalStateException the specification asks for
            assertTrue(IllegalStateException.class.isAssignableFrom(io.ultracache.store.StoreClosedException.class));
            assertTrue(after.startsWith("ERR io.ultracache.store.StoreClosedException") && after.contains("destroyed"),
                    "B's cache is closed: " + after);
            assertEquals("OK missing", answer(b, "find doomed"), "and gone from B's manager");
            assertEquals(List.of(), TestDirectories.files(dir), "its segments are gone");
        }
    }

    @Test
    @Timeout(120)
    void expiryIsTheSameForEveryProcessAndAccessExpiryMadeInOneHoldsInTheOther() throws Exception {
        try (JvmProcess a = worker(); JvmProcess b = worker()) {
            assertEquals("OK", answer(a, "createwith short created 3000"));
            assertEquals("OK found", answer(b, "find short")); // attached before the write, so timing is the write's
            assertEquals("OK", answer(a, "put k 1"));
            assertEquals("OK 1", answer(b, "get k"));
            Thread.sleep(3300);
            assertEquals("OK null", answer(b, "get k"), "expired for B, at the time A's policy gave it");
            assertEquals("OK null", answer(a, "get k"), "and for A");

            assertEquals("OK", answer(a, "createwith sliding accessed 3000"));
            assertEquals("OK found", answer(b, "find sliding"));
            assertEquals("OK", answer(a, "put s 7"));
            for (int i = 0; i < 4; i++) { // B's reads keep extending the entry's life past A's 3 s
                Thread.sleep(1500);
                assertEquals("OK 7", answer(b, "get s"), "read " + i + " by B, " + (i + 1) * 1.5 + " s after the write");
            }
            assertEquals("OK 7", answer(a, "get s"), "A sees the expiry B's accesses set");
            Thread.sleep(3300);
            assertEquals("OK null", answer(a, "get s"), "unread for longer than 3 s: expired for A too");
        }
    }

    @Test
    @Timeout(120)
    void aListenerInOneJvmHearsTheChangesOfAnotherInOrder() {
        try (JvmProcess writer = worker(); JvmProcess listener = worker()) {
            assertEquals("OK", answer(writer, "createwith events created 1000"));
            assertEquals("OK found", answer(listener, "find events"));
            assertEquals("OK", answer(listener, "listen"));
            int mark = listener.lineCount();
            assertEquals("OK", answer(writer, "put k 1"));
            assertEquals("OK", answer(writer, "put k 2"));
            assertEquals("OK true", answer(writer, "remove k"));
            assertEquals("OK", answer(writer, "put e 5"));
            listener.awaitLine(mark, l -> l.equals("EVENT CREATED e -->5"), STEP);
            sleep(1200);
            assertEquals("OK null", answer(writer, "get e"), "the writer finds it expired, which removes it");
            int expired = listener.awaitLine(mark, l -> l.startsWith("EVENT EXPIRED e"), STEP);
            assertEquals("EVENT EXPIRED e 5->5", listener.line(expired));
            int created = listener.awaitLine(mark, l -> l.equals("EVENT CREATED k -->1"), STEP);
            int updated = listener.awaitLine(mark, l -> l.equals("EVENT UPDATED k 1->2"), STEP);
            int removed = listener.awaitLine(mark, l -> l.equals("EVENT REMOVED k 2->2"), STEP);
            assertTrue(created < updated && updated < removed, "in order: " + listener.output());
        }
    }

    @Test
    @Timeout(120)
    void statisticsArePerProcessWithTotalsAcrossProcesses() {
        try (JvmProcess a = worker(); JvmProcess b = worker()) {
            assertEquals("OK", answer(a, "createwith counted modified 3600000"));
            assertEquals("OK found", answer(b, "find counted"));
            assertEquals("OK", answer(a, "put k 1"));
            assertEquals("OK 1", answer(a, "get k"));
            assertEquals("OK 1", answer(b, "get k"));
            assertEquals("OK 1", answer(b, "get k"));
            assertEquals("OK null", answer(b, "get nothing"));
            assertEquals("OK 1 0 1 0", answer(a, "stats"), "A counts its own: 1 hit, 1 put");
            assertEquals("OK 2 1 0 0", answer(b, "stats"), "B counts its own: 2 hits, 1 miss");
            assertEquals("OK 3 1 1", answer(a, "shared"), "the totals of both, read in A");
            assertEquals("OK 3 1 1", answer(b, "shared"), "and in B");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
