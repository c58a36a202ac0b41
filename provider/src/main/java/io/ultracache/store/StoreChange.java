package io.ultracache.store;

import java.util.function.Supplier;

/**
 * One change to a store, as a {@link StoreFeed} reports it. Keys and values are decoded when first
 * asked for; a change is only valid during the callback that receives it.
 */
public final class StoreChange {
    /** What happened to the key. */
    public enum Kind {
        /** The key had no live entry and got one. */
        CREATED,
        /** The key's entry got a new value. */
        UPDATED,
        /** The key's entry was removed. */
        REMOVED,
        /** The key's entry was removed because it had expired. */
        EXPIRED
    }

    private final Kind kind;
    private final Supplier<Object> key;
    private final Supplier<Object> value;
    private final Supplier<Object> oldValue;
    private final long expiresAt;
    private final boolean ownWrite;
    private Object decodedKey;
    private Object decodedValue;
    private Object decodedOldValue;

    StoreChange(Kind kind, Supplier<Object> key, Supplier<Object> value, Supplier<Object> oldValue, long expiresAt, boolean ownWrite) {
        this.kind = kind;
        this.key = key;
        this.value = value;
        this.oldValue = oldValue;
        this.expiresAt = expiresAt;
        this.ownWrite = ownWrite;
    }

    public Kind kind() {
        return kind;
    }

    public Object key() {
        if (decodedKey == null) {
            decodedKey = key.get();
        }
        return decodedKey;
    }

    /** The new value (CREATED, UPDATED) or the value that expired (EXPIRED); null for REMOVED. */
    public Object value() {
        if (decodedValue == null && value != null) {
            decodedValue = value.get();
        }
        return decodedValue;
    }

    /** The value before the change (UPDATED, REMOVED, EXPIRED); null for CREATED. */
    public Object oldValue() {
        if (decodedOldValue == null && oldValue != null) {
            decodedOldValue = oldValue.get();
        }
        return decodedOldValue;
    }

    /** Expiry of the new entry (CREATED, UPDATED), epoch millis or {@link StoreEntry#ETERNAL}. */
    public long expiresAt() {
        return expiresAt;
    }

    /** Whether the handle that follows the feed made this change itself. */
    public boolean isOwnWrite() {
        return ownWrite;
    }

    @Override
    public String toString() {
        return kind + " " + key();
    }
}
