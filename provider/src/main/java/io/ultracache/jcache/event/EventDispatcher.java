package io.ultracache.jcache.event;

import java.util.ArrayList;
import java.util.List;
import io.ultracache.store.StoreChange;
import io.ultracache.store.StoreFeed;
import java.util.concurrent.Executor;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * The entry listeners of one cache in this process, and the delivery of events to them.
 *
 * <p><b>Changes made through this cache handle</b>: a synchronous listener is called on the thread
 * that made the change, after the change is published and before the operation returns; what it
 * throws reaches the caller as a {@link CacheEntryListenerException} once every synchronous listener
 * has been called (an {@link Error} passes as it is). An asynchronous listener is called on a
 * background thread, with the events of this cache in the order they happened; what it throws is
 * logged.
 *
 * <p><b>Changes made by other processes</b> (and other handles of the same cache in this process):
 * while at least one listener is registered, a {@link StoreFeed} follows the store's records in a
 * background thread and delivers their events in the order of the store, hence in order for each
 * key: to a synchronous listener on the feed's thread (the writer in the other process does not
 * wait for it; what it throws is logged), to an asynchronous one through its queue. The delay is
 * tens of microseconds typically, milliseconds when the machine is busy (measured on 2 busy cores:
 * p50 35 µs, p99 2.4 ms; benchmarks/RESULTS.md). The two sources are each in order; when this handle
 * and another process change the same key within that delay, their events can reach a listener in
 * the opposite order.
 *
 * <p>Registration is copy-on-write, so checking for listeners on the hot path is one volatile read.
 */
public final class EventDispatcher<K, V> {
    private static final System.Logger LOG = System.getLogger(EventDispatcher.class.getName());

    private final Cache<K, V> source;
    private final Executor asyncExecutor;
    private final Function<StoreFeed.Listener, StoreFeed> follow;
    private volatile List<ListenerRegistration<K, V>> registrations = List.of();
    private volatile int typeMask;
    /** Follows other processes' changes while a listener is registered; guarded by this. */
    private StoreFeed feed;

    /**
     * @param source        the cache events come from
     * @param asyncExecutor runs the deliveries to asynchronous listeners
     * @param follow        starts a feed of the store's changes (see {@link io.ultracache.store.SharedStore#follow})
     */
    public EventDispatcher(Cache<K, V> source, Executor asyncExecutor, Function<StoreFeed.Listener, StoreFeed> follow) {
        this.source = source;
        this.asyncExecutor = asyncExecutor;
        this.follow = follow;
    }

    Cache<K, V> source() {
        return source;
    }

    /** Whether some listener wants events of this type. */
    public boolean hasListeners(EventType type) {
        return (typeMask & ListenerRegistration.bit(type)) != 0;
    }

    /** Whether any listener is registered. */
    public boolean hasListeners() {
        return typeMask != 0;
    }

    /** A new, empty batch for the events of one operation. */
    public EventBatch<K, V> newBatch() {
        return new EventBatch<>(this);
    }

    /**
     * Registers a listener, creating it (and its filter) from the configuration's factories.
     *
     * @throws IllegalArgumentException if an equal configuration is already registered
     */
    public synchronized void register(CacheEntryListenerConfiguration<K, V> configuration) {
        for (ListenerRegistration<K, V> r : registrations) {
            if (r.configuration().equals(configuration)) {
                throw new IllegalArgumentException("this cache entry listener configuration is already registered");
            }
        }
        List<ListenerRegistration<K, V>> next = new ArrayList<>(registrations);
        next.add(new ListenerRegistration<>(configuration, asyncExecutor));
        install(next);
    }

    /** Removes a registered listener and closes it if it is closeable; does nothing if it is not registered. */
    public void deregister(CacheEntryListenerConfiguration<K, V> configuration) {
        ListenerRegistration<K, V> removed = null;
        synchronized (this) {
            List<ListenerRegistration<K, V>> next = new ArrayList<>(registrations);
            for (int i = 0; i < next.size(); i++) {
                if (next.get(i).configuration().equals(configuration)) {
                    removed = next.remove(i);
                    break;
                }
            }
            if (removed == null) {
                return;
            }
            install(next);
        }
        removed.close();
    }

    private void install(List<ListenerRegistration<K, V>> next) {
        int mask = 0;
        for (ListenerRegistration<K, V> r : next) {
            mask |= r.typeMask();
        }
        registrations = List.copyOf(next);
        typeMask = mask;
        if (next.isEmpty() && feed != null) {
            feed.close();
            feed = null;
        } else if (!next.isEmpty() && feed == null) {
            feed = follow.apply(this::onStoreChange);
        }
    }

    /** A change from the store's feed: delivers it unless this handle made it (it was delivered then). */
    @SuppressWarnings("unchecked") // keys and values in the store are of this cache's types
    private void onStoreChange(StoreChange change) {
        if (change.isOwnWrite()) {
            return;
        }
        EventType type = typeOf(change.kind());
        if (!hasListeners(type)) {
            return;
        }
        List<ListenerRegistration<K, V>> current = registrations;
        boolean oldValueWanted = false;
        for (ListenerRegistration<K, V> r : current) {
            oldValueWanted |= r.configuration().isOldValueRequired();
        }
        K key = (K) change.key();
        V value = (V) change.value();
        boolean oldValueAvailable = oldValueWanted && change.oldValue() != null;
        V oldValue = oldValueAvailable ? (V) change.oldValue() : null;
        if (type == EventType.REMOVED) {
            value = oldValue; // as for local events: a removal's value is the value the entry had
        }
        UltraCacheEntryEvent<K, V> event = new UltraCacheEntryEvent<>(source, type, key, value, oldValue, oldValueAvailable);
        List<UltraCacheEntryEvent<K, V>> one = List.of(event);
        for (ListenerRegistration<K, V> r : current) {
            if (!r.isSynchronous()) {
                r.deliverAsync(one);
                continue;
            }
            try {
                r.deliver(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "a listener failed on an event of another process", e);
            }
        }
    }

    private static EventType typeOf(StoreChange.Kind kind) {
        switch (kind) {
            case CREATED: return EventType.CREATED;
            case UPDATED: return EventType.UPDATED;
            case REMOVED: return EventType.REMOVED;
            case EXPIRED: return EventType.EXPIRED;
            default: throw new IllegalArgumentException(String.valueOf(kind));
        }
    }

    /** The configurations of the registered listeners, in registration order. */
    public List<CacheEntryListenerConfiguration<K, V>> configurations() {
        List<CacheEntryListenerConfiguration<K, V>> all = new ArrayList<>();
        for (ListenerRegistration<K, V> r : registrations) {
            all.add(r.configuration());
        }
        return all;
    }

    /**
     * Delivers a batch: queues it for the asynchronous listeners, then calls the synchronous ones.
     * Call it after the changes are published and the store's lock is released.
     *
     * @throws CacheEntryListenerException the first failure of a synchronous listener
     */
    public void dispatch(EventBatch<K, V> batch) {
        if (batch == null || batch.isEmpty()) {
            return;
        }
        List<UltraCacheEntryEvent<K, V>> events = batch.events();
        RuntimeException failure = null;
        for (ListenerRegistration<K, V> r : registrations) {
            if (!r.isSynchronous()) {
                r.deliverAsync(events);
                continue;
            }
            for (UltraCacheEntryEvent<K, V> event : events) {
                try {
                    r.deliver(event);
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Deregisters every listener, waiting briefly for queued asynchronous events, and closes them. */
    public void close() {
        List<ListenerRegistration<K, V>> all;
        synchronized (this) {
            all = registrations;
            install(List.of());
        }
        for (ListenerRegistration<K, V> r : all) {
            r.close();
        }
    }
}
