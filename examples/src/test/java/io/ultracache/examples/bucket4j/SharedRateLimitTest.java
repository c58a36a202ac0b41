package io.ultracache.examples.bucket4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.examples.support.ChildJvm;
import io.ultracache.examples.testing.SegmentDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One Bucket4j rate limit shared by four JVMs through UltraCache: they consume from one bucket at
 * the same time, and the tokens admitted add up to the bucket's capacity exactly, no more (no lost
 * update of the bucket's state) and no less (no token lost).
 */
class SharedRateLimitTest {
    private static final Duration STEP = Duration.ofSeconds(120);
    private static final int JVMS = 4;
    private static final int CAPACITY = 1_000;
    private static final int ATTEMPTS_PER_JVM = 500;

    private Path dir;

    @BeforeEach
    void setUp() {
        dir = SegmentDirectories.create("bucket4j");
    }

    @AfterEach
    void tearDown() {
        SegmentDirectories.delete(dir);
    }

    @Test
    @Timeout(300)
    void jvmsConsumingAtOnceAreAdmittedExactlyTheCapacity() {
        List<ChildJvm> jvms = new ArrayList<>();
        try {
            for (int i = 0; i < JVMS; i++) {
                jvms.add(ChildJvm.start("server-" + i, RateLimitedNode.class, List.of("-Dultracache.directory=" + dir),
                        List.of(Integer.toString(CAPACITY)), null));
            }
            for (ChildJvm jvm : jvms) {
                jvm.awaitReady(STEP);
            }
            for (ChildJvm jvm : jvms) {
                jvm.send("consume api-key-42 " + ATTEMPTS_PER_JVM);
            }
            int admitted = 0;
            List<String> answers = new ArrayList<>();
            for (ChildJvm jvm : jvms) {
                String answer = jvm.await(STEP);
                answers.add(jvm.label() + ": " + answer);
                String[] parts = answer.split(";");
                int mine = Integer.parseInt(parts[0].substring("admitted=".length()));
                assertEquals(ATTEMPTS_PER_JVM - mine, Integer.parseInt(parts[1].substring("rejected=".length())), answer);
                admitted += mine;
            }
            assertEquals(CAPACITY, admitted, "tokens admitted in all JVMs together: " + answers);
            for (ChildJvm jvm : jvms) {
                assertEquals("0", jvm.ask("available api-key-42", STEP), jvm.label() + " sees the bucket empty");
            }
            assertEquals(Integer.toString(CAPACITY), jvms.get(0).ask("available another-key", STEP),
                    "another key is another bucket");
            for (ChildJvm jvm : jvms) {
                jvm.ask("exit", STEP);
                assertEquals(0, jvm.waitForExit(STEP), jvm.output());
            }
        } finally {
            jvms.forEach(ChildJvm::close);
        }
        assertEquals(List.of(), SegmentDirectories.files(dir), "the last JVM to close the cache removed its segments");
    }
}
