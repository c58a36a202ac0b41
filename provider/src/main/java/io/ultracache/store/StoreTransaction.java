package io.ultracache.store;

/**
 * Operations that run together under a store's cross-process lock (see
 * {@link SharedStore#update}): what one reads stays true until the transaction ends, because no
 * other writer in any process can run meanwhile. Each write is published as soon as it is made,
 * so a process killed in the middle of a transaction leaves its earlier writes in place and
 * loses only the rest. Valid only inside the {@code update} call that created it.
 */
public interface StoreTransaction {

    /** The current entry of {@code key}, expired or not; null if there is none. */
    StoreEntry get(Object key);

    /** Maps {@code key} to {@code value} until {@code expiresAt} (epoch millis, or {@link StoreEntry#ETERNAL}). */
    void put(Object key, Object value, long expiresAt);

    /** Removes {@code key}. Returns whether it had an entry that had not expired. */
    boolean remove(Object key);

    /**
     * Removes {@code key} if its entry has expired, recording that it expired. Returns whether it
     * did.
     */
    boolean removeExpired(Object key);

    /** Changes the expiry of {@code key}'s entry, keeping its value. Returns false if it has no entry. */
    boolean touch(Object key, long expiresAt);

    /** Removes every entry. */
    void clear();
}
