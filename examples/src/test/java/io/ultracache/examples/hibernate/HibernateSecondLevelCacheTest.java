package io.ultracache.examples.hibernate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ultracache.examples.support.ChildJvm;
import io.ultracache.examples.testing.SegmentDirectories;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.h2.tools.Server;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Two application instances, each a JVM with its own Hibernate SessionFactory on one database,
 * share their second-level cache through UltraCache: what one loads, the other gets from the cache
 * without a query; an update or an eviction in one is seen by the other.
 *
 * <p>The database is an in-memory H2 served over TCP on the loopback address by this JVM (Surefire
 * sets {@code h2.bindAddress}); each instance counts cache hits, misses, puts and SQL statements
 * with Hibernate's statistics.
 */
class HibernateSecondLevelCacheTest {
    private static final Duration STEP = Duration.ofSeconds(90);

    private Path dir;
    private Server database;
    private String jdbcUrl;

    @BeforeEach
    void setUp() throws Exception {
        dir = SegmentDirectories.create("hibernate");
        database = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        jdbcUrl = "jdbc:h2:tcp://127.0.0.1:" + database.getPort() + "/mem:shop-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }

    @AfterEach
    void tearDown() {
        if (database != null) {
            database.stop();
        }
        SegmentDirectories.delete(dir);
    }

    private ChildJvm instance(String label, String schema) {
        ChildJvm jvm = ChildJvm.start(label, HibernateNode.class, List.of("-Dultracache.directory=" + dir),
                List.of(jdbcUrl, schema), null);
        jvm.awaitReady(STEP);
        return jvm;
    }

    @Test
    @Timeout(300)
    void twoSessionFactoriesInTwoJvmsShareTheSecondLevelCache() {
        try (ChildJvm a = instance("A", "create"); ChildJvm b = instance("B", "none")) {
            a.ask("seed", STEP);

            // A: not in the cache yet, so one query; the entity is then put in the cache
            assertEquals("name=coffee beans;price=12.50;hits=0;misses=1;puts=1;queries=1", a.ask("product 1", STEP));
            // B, another JVM with its own SessionFactory: a cache hit, no query
            assertEquals("name=coffee beans;price=12.50;hits=1;misses=0;puts=0;queries=0", b.ask("product 1", STEP));

            // an update in A goes to the database and to the shared cache; B reads the new price from the cache
            assertEquals("repriced;hits=1;misses=0;puts=1;queries=1", a.ask("reprice 1 11.90", STEP));
            assertEquals("name=coffee beans;price=11.90;hits=1;misses=0;puts=0;queries=0", b.ask("product 1", STEP));

            // an eviction in A: B misses and queries, then puts it back, and A gets B's entry
            a.ask("evict 1", STEP);
            assertEquals("name=coffee beans;price=11.90;hits=0;misses=1;puts=1;queries=1", b.ask("product 1", STEP));
            assertEquals("name=coffee beans;price=11.90;hits=1;misses=0;puts=0;queries=0", a.ask("product 1", STEP));

            // 'customers' is not in the properties file: Hibernate created it (missing_cache_strategy=create)
            // with a plain MutableConfiguration in A; B attached to it by name
            assertEquals("name=alice;hits=0;misses=1;puts=1;queries=1", a.ask("customer 1", STEP));
            assertEquals("name=alice;hits=1;misses=0;puts=0;queries=0", b.ask("customer 1", STEP));

            // another entity, never read: a miss in B too
            assertEquals("name=green tea;price=6.20;hits=0;misses=1;puts=1;queries=1", b.ask("product 2", STEP));

            // closing A's SessionFactory closes its caches and its cache manager; the provider then gives an
            // open manager for the same URI, and a new SessionFactory on it still finds the shared entries
            assertEquals("cacheClosed=true;managerClosed=true;reopened=true;hibernateUsesIt=true", a.ask("restart", STEP));
            assertEquals("name=green tea;price=6.20;hits=1;misses=0;puts=0;queries=0", a.ask("product 2", STEP));

            a.ask("exit", STEP);
            b.ask("exit", STEP);
            assertEquals(0, a.waitForExit(STEP), a.output());
            assertEquals(0, b.waitForExit(STEP), b.output());
        }
        assertEquals(List.of(), SegmentDirectories.files(dir), "the last JVM to close the caches removed their segments");
    }
}
