package io.ultracache.store;

/**
 * An entry as read from a store: key, value and absolute expiry. A snapshot: the store may have
 * changed since it was read.
 */
public final class StoreEntry {
    /** Expiry of an entry that never expires. */
    public static final long ETERNAL = Long.MAX_VALUE;

    private final Object key;
    private final Object value;
    private final long expiresAt;

    StoreEntry(Object key, Object value, long expiresAt) {
        this.key = key;
        this.value = value;
        this.expiresAt = expiresAt;
    }

    public Object key() {
        return key;
    }

    public Object value() {
        return value;
    }

    /** When the entry expires, in epoch milliseconds; {@link #ETERNAL} if never. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Whether the entry had expired at {@code nowMillis}. */
    public boolean isExpiredAt(long nowMillis) {
        return expiresAt <= nowMillis;
    }

    @Override
    public String toString() {
        return key + "=" + value + (expiresAt == ETERNAL ? "" : " (expires at " + expiresAt + ")");
    }
}
