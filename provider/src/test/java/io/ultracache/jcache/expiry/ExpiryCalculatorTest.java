package io.ultracache.jcache.expiry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.StoreEntry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** Durations from the policy become absolute expiry times, with JSR-107's special cases. */
class ExpiryCalculatorTest {
    private static final long NOW = 1_700_000_000_000L;

    private static ExpiryPolicy policy(Duration creation, Duration access, Duration update) {
        return new ExpiryPolicy() {
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
        };
    }

    @Test
    void durationsBecomeAbsoluteTimes() {
        ExpiryCalculator c = new ExpiryCalculator(policy(new Duration(TimeUnit.SECONDS, 5),
                new Duration(TimeUnit.MINUTES, 1), new Duration(TimeUnit.MILLISECONDS, 250)));
        assertEquals(NOW + 5_000, c.forCreation(NOW));
        assertEquals(NOW + 60_000, c.forAccess(NOW));
        assertEquals(NOW + 250, c.forUpdate(NOW));
    }

    @Test
    void zeroCreationMeansNotStoredAndZeroUpdateOrAccessMeansExpiredNow() {
        ExpiryCalculator c = new ExpiryCalculator(policy(Duration.ZERO, Duration.ZERO, Duration.ZERO));
        assertEquals(ExpiryCalculator.NOT_STORED, c.forCreation(NOW));
        assertEquals(NOW, c.forUpdate(NOW));
        assertEquals(NOW, c.forAccess(NOW));
    }

    @Test
    void nullLeavesTheExpiryUnchangedAndEternalNeverExpires() {
        ExpiryCalculator c = new ExpiryCalculator(policy(Duration.ETERNAL, null, null));
        assertEquals(StoreEntry.ETERNAL, c.forCreation(NOW));
        assertEquals(ExpiryCalculator.UNCHANGED, c.forAccess(NOW));
        assertEquals(ExpiryCalculator.UNCHANGED, c.forUpdate(NOW));
        assertEquals(StoreEntry.ETERNAL, new ExpiryCalculator(policy(null, null, null)).forCreation(NOW),
                "a policy answering null for a creation gets no expiry");
    }

    @Test
    void aFailingPolicyDoesNotFailTheOperation() {
        ExpiryPolicy failing = new ExpiryPolicy() {
            @Override
            public Duration getExpiryForCreation() {
                throw new IllegalStateException("broken policy");
            }

            @Override
            public Duration getExpiryForAccess() {
                throw new IllegalStateException("broken policy");
            }

            @Override
            public Duration getExpiryForUpdate() {
                throw new IllegalStateException("broken policy");
            }
        };
        ExpiryCalculator c = new ExpiryCalculator(failing);
        assertEquals(StoreEntry.ETERNAL, c.forCreation(NOW));
        assertEquals(ExpiryCalculator.UNCHANGED, c.forAccess(NOW));
        assertEquals(ExpiryCalculator.UNCHANGED, c.forUpdate(NOW));
    }

    @Test
    void hugeDurationsSaturateAtEternal() {
        ExpiryCalculator c = new ExpiryCalculator(policy(new Duration(TimeUnit.DAYS, Long.MAX_VALUE / 2), null, null));
        assertEquals(StoreEntry.ETERNAL, c.forCreation(NOW));
    }

    @Test
    void jcachesFixedPoliciesAreRecognisedSoReadsNeedNotAsk() {
        assertTrue(new ExpiryCalculator(new EternalExpiryPolicy()).isEternal());
        assertTrue(new ExpiryCalculator(new EternalExpiryPolicy()).accessKeepsExpiry());
        assertTrue(new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsExpiry());
        assertTrue(new ExpiryCalculator(new ModifiedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsExpiry());
        assertFalse(new ExpiryCalculator(new AccessedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsExpiry());
        assertFalse(new ExpiryCalculator(new TouchedExpiryPolicy(Duration.ONE_MINUTE)).accessKeepsExpiry());
        assertFalse(new ExpiryCalculator(new CreatedExpiryPolicy(Duration.ONE_MINUTE)).isEternal());
        // a policy of another class is always asked
        AtomicInteger asked = new AtomicInteger();
        ExpiryCalculator custom = new ExpiryCalculator(new ExpiryPolicy() {
            @Override
            public Duration getExpiryForCreation() {
                return Duration.ETERNAL;
            }

            @Override
            public Duration getExpiryForAccess() {
                asked.incrementAndGet();
                return null;
            }

            @Override
            public Duration getExpiryForUpdate() {
                return null;
            }
        });
        assertFalse(custom.accessKeepsExpiry());
        custom.forAccess(NOW);
        assertEquals(1, asked.get());
    }
}
