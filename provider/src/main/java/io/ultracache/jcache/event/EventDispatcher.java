package io.ultracache.jcache.event;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import javax.cache.Cache;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.EventType;

/**
 * The entry listeners of one cache in this process, and the delivery of events to them.
 *
 * <p>Listeners hear of the changes made through this process's cache, not of changes made by other
 * processes. A synchronous listener is called on the thread that made the change, after the
 * change is published and before the operation returns; what it throws reaches the caller as a
 * {@link CacheEntryListenerException} once every synchronous listener has been called (an
 * {@link Error} passes as it is). An asynchronous listener is called on a background thread, with
 * the events of this cache in the order they happened; what it throws is logged.
 *
 * <p>Registration is copy-on-write, so checking for listeners on the hot path is one volatile read.
 */
public final class EventDispatcher<K, V> {
    private final Cache<K, V> source;
    private final Executor asyncExecutor;
    private volatile List<ListenerRegistration<K, V>> registrations = List.of();
    private volatile int typeMask;

    /**
     * @param source        the cache events come from
     * @param asyncExecutor runs the deliveries to asynchronous listeners
     */
    public EventDispatcher(Cache<K, V> source, Executor asyncExecutor) {
        this.source = source;
        this.asyncExecutor = asyncExecutor;
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
