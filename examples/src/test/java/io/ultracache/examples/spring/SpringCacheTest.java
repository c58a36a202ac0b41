package io.ultracache.examples.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.examples.support.ChildJvm;
import io.ultracache.examples.testing.SegmentDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two Spring applications, each in its own JVM, share the caches behind {@code @Cacheable},
 * {@code @CachePut} and {@code @CacheEvict} through Spring's {@code JCacheCacheManager} on UltraCache.
 */
class SpringCacheTest {
    private static final Duration STEP = Duration.ofSeconds(90);

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = SegmentDirectories.create("spring");
    }

    @AfterEach
    void tearDown() {
        SegmentDirectories.delete(dir);
    }

    private ChildJvm application(String label) {
        ChildJvm jvm = ChildJvm.start(label, SpringNode.class, List.of("-Dultracache.directory=" + dir), List.of(), null);
        jvm.awaitReady(STEP);
        return jvm;
    }

    @Test
    @Timeout(300)
    void whatOneJvmComputesTheOtherIsServedFromTheCache() {
        try (ChildJvm a = application("A"); ChildJvm b = application("B")) {
            long pidA = a.pid();

            // @Cacheable: computed in A; B gets A's result without calling its method
            assertEquals("price=42.00;by=" + pidA + ";calls=1", a.ask("quote ACME", STEP));
            assertEquals("price=42.00;by=" + pidA + ";calls=0", b.ask("quote ACME", STEP));

            // @CacheEvict in B: A computes it again
            assertEquals("evicted;calls=1", b.ask("evict ACME", STEP));
            assertEquals("price=42.00;by=" + pidA + ";calls=1", a.ask("quote ACME", STEP));

            // @CachePut in A: B is served the new value
            assertEquals("price=99.50;by=" + pidA + ";calls=1", a.ask("reprice ACME 99.50", STEP));
            assertEquals("price=99.50;by=" + pidA + ";calls=0", b.ask("quote ACME", STEP));

            // a cached null: B gets null (Spring's NullValue singleton, resolved on reading) without a call
            assertEquals("reason=null;calls=1", a.ask("delisted ACME", STEP));
            assertEquals("reason=null;calls=0", b.ask("delisted ACME", STEP));

            // a two-parameter method: its SimpleKey, serialized in B, finds A's entry
            assertEquals("rate=1.0825;calls=1", a.ask("rate EUR USD", STEP));
            assertEquals("rate=1.0825;calls=0", b.ask("rate EUR USD", STEP));
            assertEquals("rate=1.0825;calls=1", b.ask("rate USD EUR", STEP), "another key");

            // a value loader that throws: Spring's ValueRetrievalException, and nothing stored
            assertEquals("exception=ValueRetrievalException;root=IllegalStateException: no quote for BETA;stored=false",
                    b.ask("failing-loader BETA", STEP));

            for (ChildJvm jvm : List.of(a, b)) {
                jvm.ask("exit", STEP); // closes the Spring context, and with it the JCache manager
                assertEquals(0, jvm.waitForExit(STEP), jvm.output());
            }
        }
        assertEquals(List.of(), SegmentDirectories.files(dir), "the JVMs were the caches' only users: segments removed");
    }

    @Test
    @Timeout(300)
    void syncCacheableComputesOnceAcrossJvms() {
        try (ChildJvm a = application("A"); ChildJvm b = application("B"); ChildJvm c = application("C")) {
            // all three ask at once; the method takes 500 ms, and runs under the cache's cross-process lock
            List<ChildJvm> jvms = List.of(a, b, c);
            for (ChildJvm jvm : jvms) {
                jvm.send("rating ACME");
            }
            int calls = 0;
            String rating = null;
            for (ChildJvm jvm : jvms) {
                String[] answer = jvm.await(STEP).split(";calls=");
                calls += Integer.parseInt(answer[1]);
                if (rating == null) {
                    rating = answer[0];
                }
                assertEquals(rating, answer[0], "every JVM got the one computed rating");
            }
            assertEquals(1, calls, "computed once in all three JVMs: " + rating);
            for (ChildJvm jvm : jvms) {
                jvm.ask("exit", STEP);
                assertEquals(0, jvm.waitForExit(STEP), jvm.output());
            }
        }
        assertEquals(List.of(), SegmentDirectories.files(dir));
    }
}
