package io.ultracache.jcache.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.TestCaches;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreEntry;
import java.net.URI;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiry as the store keeps it: absolute times every handle (every process) agrees on. */
class CacheExpiryTest {
    private TestCaches caches;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("expiry");
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    private static MutableConfiguration<String, String> expiring(javax.cache.expiry.ExpiryPolicy policy) {
        return new MutableConfiguration<String, String>().setTypes(String.class, String.class)
                .setExpiryPolicyFactory(new FactoryBuilder.SingletonFactory<>(policy));
    }

    private static void awaitTrue(BooleanSupplier condition, long timeoutMillis, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(what + " did not happen within " + timeoutMillis + " ms");
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theCreatorsExpiryIsStoredAsAnAbsoluteTimeThatEveryHandleHonours() throws InterruptedException {
        URI uri = caches.newUri();
        CacheManager a = caches.manager(uri, null, new Properties());
        Cache<String, String> inA = a.createCache("c", expiring(new CreatedExpiryPolicy(new Duration(TimeUnit.MILLISECONDS, 600))));
        long before = System.currentTimeMillis();
        inA.put("k", "v");
        long after = System.currentTimeMillis();

        // a second manager (like another process) attaches with the default eternal policy
        Cache<String, String> inB = caches.manager(uri, TestCaches.otherLoader(), new Properties())
                .getCache("c", String.class, String.class);
        StoreEntry entry = inB.unwrap(SharedStore.class).getEntry("k");
        assertNotNull(entry);
        assertTrue(entry.expiresAt() >= before + 600 && entry.expiresAt() <= after + 600, "expires at " + entry.expiresAt());
        assertEquals("v", inB.get("k"));
        awaitTrue(() -> inB.get("k") == null, 10_000, "expiry seen by the other handle");
        assertTrue(System.currentTimeMillis() >= before + 600);
        assertNull(inA.get("k"));
        assertFalse(inA.containsKey("k"));
        assertFalse(inA.iterator().hasNext());
    }

    @Test
    void accessMovesTheExpiry() throws InterruptedException {
        Cache<String, String> cache = caches.newManager().createCache("a",
                expiring(new AccessedExpiryPolicy(new Duration(TimeUnit.SECONDS, 30))));
        cache.put("k", "v");
        long created = cache.unwrap(SharedStore.class).getEntry("k").expiresAt();
        Thread.sleep(20);
        assertEquals("v", cache.get("k"));
        long accessed = cache.unwrap(SharedStore.class).getEntry("k").expiresAt();
        assertTrue(accessed > created, "access moved expiry from " + created + " to " + accessed);
        assertTrue(cache.containsKey("k"));
        assertEquals(accessed, cache.unwrap(SharedStore.class).getEntry("k").expiresAt(), "containsKey is not an access");
    }

    @Test
    void anUpdateUnderACreatedPolicyKeepsTheExpiry() throws InterruptedException {
        Cache<String, String> cache = caches.newManager().createCache("c",
                expiring(new CreatedExpiryPolicy(new Duration(TimeUnit.SECONDS, 30))));
        cache.put("k", "v1");
        long created = cache.unwrap(SharedStore.class).getEntry("k").expiresAt();
        Thread.sleep(20);
        cache.put("k", "v2");
        assertEquals("v2", cache.get("k"));
        assertEquals(created, cache.unwrap(SharedStore.class).getEntry("k").expiresAt());
    }

    @Test
    void zeroDurations() {
        CacheManager manager = caches.newManager();
        Cache<String, String> created = manager.createCache("zeroCreated", expiring(new CreatedExpiryPolicy(Duration.ZERO)));
        created.put("k", "v");
        assertNull(created.unwrap(SharedStore.class).getEntry("k"), "a zero creation duration stores nothing");
        created.putIfAbsent("k", "v");
        assertNull(created.unwrap(SharedStore.class).getEntry("k"));

        Cache<String, String> updated = manager.createCache("zeroUpdated",
                expiring(new FixedPolicy(Duration.ETERNAL, null, Duration.ZERO)));
        updated.put("k", "v1");
        assertEquals("v1", updated.get("k"));
        updated.put("k", "v2");
        assertNull(updated.get("k"), "a zero update duration expires the entry at once");

        Cache<String, String> accessed = manager.createCache("zeroAccessed",
                expiring(new FixedPolicy(Duration.ETERNAL, Duration.ZERO, null)));
        accessed.put("k", "v");
        assertTrue(accessed.containsKey("k"));
        assertEquals("v", accessed.get("k"), "the access that expires it still sees it");
        assertNull(accessed.get("k"));
        assertFalse(accessed.containsKey("k"));
    }

    /** A policy with fixed answers. */
    static final class FixedPolicy implements javax.cache.expiry.ExpiryPolicy, java.io.Serializable {
        private static final long serialVersionUID = 1L;
        private final Duration creation;
        private final Duration access;
        private final Duration update;

        FixedPolicy(Duration creation, Duration access, Duration update) {
            this.creation = creation;
            this.access = access;
            this.update = update;
        }

        @Override
        public Duration getExpiryForCreation() {
            return creation;
        }

        @Override
        public Duration getExpiryForAccess() {
            return access;
        }

        @Override
        public Duration getExpiryForUpdate() {
            return update;
        }
    }

    @Test
    void aFailingPolicyStillStoresTheEntry() {
        Cache<String, String> cache = caches.newManager().createCache("failing", new MutableConfiguration<String, String>()
                .setExpiryPolicyFactory(FactoryBuilder.factoryOf(FailingPolicy.class)));
        cache.put("k", "v");
        assertEquals("v", cache.get("k"));
        assertEquals(StoreEntry.ETERNAL, cache.unwrap(SharedStore.class).getEntry("k").expiresAt());
    }

    public static final class FailingPolicy implements javax.cache.expiry.ExpiryPolicy {
        @Override
        public Duration getExpiryForCreation() {
            throw new IllegalStateException("broken");
        }

        @Override
        public Duration getExpiryForAccess() {
            throw new IllegalStateException("broken");
        }

        @Override
        public Duration getExpiryForUpdate() {
            throw new IllegalStateException("broken");
        }
    }
}
