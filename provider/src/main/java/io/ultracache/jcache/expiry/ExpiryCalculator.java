package io.ultracache.jcache.expiry;

import io.ultracache.store.StoreEntry;
import java.util.concurrent.TimeUnit;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.Duration;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;

/**
 * Turns a cache's {@link ExpiryPolicy} into absolute expiry times (epoch milliseconds), the form
 * the store keeps so that every process agrees when an entry expires.
 *
 * <p>The policy is consulted inline, on the calling thread, each time an operation creates,
 * updates or reads an entry, as JSR-107 says. A policy that throws does not fail the operation:
 * a creation then gets no expiry, and an update or access leaves the expiry as it was. A
 * {@code null} duration for an update or access also leaves it as it was.
 */
public final class ExpiryCalculator {
    /** {@link #forCreation}: the creation duration is zero, so the entry must not be stored at all. */
    public static final long NOT_STORED = Long.MIN_VALUE;
    /** {@link #forUpdate}, {@link #forAccess}: keep the entry's current expiry. */
    public static final long UNCHANGED = Long.MIN_VALUE + 1;

    private static final System.Logger LOG = System.getLogger(ExpiryCalculator.class.getName());

    private final ExpiryPolicy policy;
    private final boolean eternal;
    private final boolean accessKeepsExpiry;

    public ExpiryCalculator(ExpiryPolicy policy) {
        this.policy = policy;
        Class<?> type = policy.getClass();
        // JCache's own policies whose answers are fixed: skipping the call cannot be observed
        this.eternal = type == EternalExpiryPolicy.class;
        this.accessKeepsExpiry = eternal || type == CreatedExpiryPolicy.class || type == ModifiedExpiryPolicy.class;
    }

    public ExpiryPolicy policy() {
        return policy;
    }

    /** Whether the policy is JCache's {@link EternalExpiryPolicy}: entries never expire. */
    public boolean isEternal() {
        return eternal;
    }

    /** Whether reading an entry can never change its expiry (the policy's answer for access is always null). */
    public boolean accessKeepsExpiry() {
        return accessKeepsExpiry;
    }

    /** Expiry of an entry created at {@code now}, or {@link #NOT_STORED}. */
    public long forCreation(long now) {
        Duration duration;
        try {
            duration = policy.getExpiryForCreation();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "expiry policy " + policy.getClass().getName()
                    + " failed for a creation; the entry does not expire", e);
            return StoreEntry.ETERNAL;
        }
        if (duration == null) {
            return StoreEntry.ETERNAL;
        }
        if (duration.isZero()) {
            return NOT_STORED;
        }
        return expiresAt(duration, now);
    }

    /** Expiry of an entry updated at {@code now}, or {@link #UNCHANGED}. */
    public long forUpdate(long now) {
        Duration duration;
        try {
            duration = policy.getExpiryForUpdate();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "expiry policy " + policy.getClass().getName()
                    + " failed for an update; the expiry is left as it was", e);
            return UNCHANGED;
        }
        return duration == null ? UNCHANGED : expiresAt(duration, now);
    }

    /** Expiry of an entry read at {@code now}, or {@link #UNCHANGED}. */
    public long forAccess(long now) {
        if (accessKeepsExpiry) {
            return UNCHANGED;
        }
        Duration duration;
        try {
            duration = policy.getExpiryForAccess();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "expiry policy " + policy.getClass().getName()
                    + " failed for an access; the expiry is left as it was", e);
            return UNCHANGED;
        }
        return duration == null ? UNCHANGED : expiresAt(duration, now);
    }

    /** {@code now + duration}, saturating at {@link StoreEntry#ETERNAL}; a zero duration gives {@code now} (expired). */
    static long expiresAt(Duration duration, long now) {
        if (duration.isEternal()) {
            return StoreEntry.ETERNAL;
        }
        long millis = duration.getTimeUnit().toMillis(duration.getDurationAmount());
        if (millis == 0 && duration.getDurationAmount() != 0 && duration.getTimeUnit() != TimeUnit.MILLISECONDS) {
            millis = 1; // a positive duration below a millisecond still lets the entry live for an instant
        }
        long at = now + millis;
        return at < now ? StoreEntry.ETERNAL : at;
    }
}
