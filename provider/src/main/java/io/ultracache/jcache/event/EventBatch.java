package io.ultracache.jcache.event;

import java.util.ArrayList;
import java.util.List;
import javax.cache.event.EventType;

/**
 * The events one cache operation produces, collected while it runs under the store's lock and
 * delivered by {@link EventDispatcher#dispatch} once the lock is released, in the order they
 * happened. Only events some listener wants are kept. Not thread-safe: one per operation.
 */
public final class EventBatch<K, V> {
    private final EventDispatcher<K, V> dispatcher;
    private List<UltraCacheEntryEvent<K, V>> events;

    EventBatch(EventDispatcher<K, V> dispatcher) {
        this.dispatcher = dispatcher;
    }

    public void created(K key, V value) {
        add(EventType.CREATED, key, value, null, false);
    }

    public void updated(K key, V value, V oldValue) {
        add(EventType.UPDATED, key, value, oldValue, true);
    }

    public void removed(K key, V oldValue) {
        add(EventType.REMOVED, key, oldValue, oldValue, oldValue != null);
    }

    public void expired(K key, V oldValue) {
        add(EventType.EXPIRED, key, oldValue, oldValue, oldValue != null);
    }

    private void add(EventType type, K key, V value, V oldValue, boolean oldValueAvailable) {
        if (dispatcher.hasListeners(type)) {
            if (events == null) {
                events = new ArrayList<>(4);
            }
            events.add(new UltraCacheEntryEvent<>(dispatcher.source(), type, key, value, oldValue, oldValueAvailable));
        }
    }

    /** Forgets the events collected so far: the operation failed and changed nothing. */
    public void discard() {
        events = null;
    }

    boolean isEmpty() {
        return events == null;
    }

    List<UltraCacheEntryEvent<K, V>> events() {
        return events;
    }
}
