package io.ultracache.jcache.event;

import java.util.List;
import java.util.concurrent.Executor;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Factory;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryEventFilter;
import javax.cache.event.CacheEntryExpiredListener;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryListenerException;
import javax.cache.event.CacheEntryRemovedListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.event.EventType;

/** One registered listener: its configuration, the listener and filter it created, and how to deliver to it. */
final class ListenerRegistration<K, V> {
    private static final System.Logger LOG = System.getLogger(ListenerRegistration.class.getName());

    private final CacheEntryListenerConfiguration<K, V> configuration;
    private final CacheEntryListener<? super K, ? super V> listener;
    private final CacheEntryEventFilter<? super K, ? super V> filter;
    private final SerialExecutor asyncQueue;
    private final int typeMask;

    ListenerRegistration(CacheEntryListenerConfiguration<K, V> configuration, Executor asyncExecutor) {
        this.configuration = configuration;
        Factory<CacheEntryListener<? super K, ? super V>> listenerFactory = configuration.getCacheEntryListenerFactory();
        if (listenerFactory == null) {
            throw new IllegalArgumentException("a cache entry listener configuration needs a listener factory");
        }
        this.listener = listenerFactory.create();
        Factory<CacheEntryEventFilter<? super K, ? super V>> filterFactory = configuration.getCacheEntryEventFilterFactory();
        this.filter = filterFactory == null ? null : filterFactory.create();
        this.asyncQueue = configuration.isSynchronous() ? null : new SerialExecutor(asyncExecutor);
        int mask = 0;
        if (listener instanceof CacheEntryCreatedListener) {
            mask |= bit(EventType.CREATED);
        }
        if (listener instanceof CacheEntryUpdatedListener) {
            mask |= bit(EventType.UPDATED);
        }
        if (listener instanceof CacheEntryRemovedListener) {
            mask |= bit(EventType.REMOVED);
        }
        if (listener instanceof CacheEntryExpiredListener) {
            mask |= bit(EventType.EXPIRED);
        }
        this.typeMask = mask;
    }

    static int bit(EventType type) {
        return 1 << type.ordinal();
    }

    CacheEntryListenerConfiguration<K, V> configuration() {
        return configuration;
    }

    int typeMask() {
        return typeMask;
    }

    boolean isSynchronous() {
        return asyncQueue == null;
    }

    /** Queues the events this listener wants for delivery on another thread, in order. */
    void deliverAsync(List<UltraCacheEntryEvent<K, V>> events) {
        for (UltraCacheEntryEvent<K, V> event : events) {
            if ((typeMask & bit(event.getEventType())) != 0) {
                asyncQueue.execute(() -> deliver(event));
            }
        }
    }

    /**
     * Delivers one event on this thread if the listener wants it and its filter lets it through.
     *
     * @throws CacheEntryListenerException wrapping what the listener or filter threw (errors pass as they are)
     */
    @SuppressWarnings("unchecked") // the type mask says which listener interfaces it implements
    void deliver(UltraCacheEntryEvent<K, V> event) {
        if ((typeMask & bit(event.getEventType())) == 0) {
            return;
        }
        try {
            if (filter != null && !filter.evaluate(event)) {
                return;
            }
            List<CacheEntryEvent<? extends K, ? extends V>> one = List.of(event);
            switch (event.getEventType()) {
                case CREATED:
                    ((CacheEntryCreatedListener<K, V>) listener).onCreated(one);
                    break;
                case UPDATED:
                    ((CacheEntryUpdatedListener<K, V>) listener).onUpdated(one);
                    break;
                case REMOVED:
                    ((CacheEntryRemovedListener<K, V>) listener).onRemoved(one);
                    break;
                case EXPIRED:
                    ((CacheEntryExpiredListener<K, V>) listener).onExpired(one);
                    break;
                default:
                    throw new IllegalStateException("unknown event type " + event.getEventType());
            }
        } catch (CacheEntryListenerException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheEntryListenerException("cache entry listener " + listener.getClass().getName()
                    + " failed on " + event.getEventType() + " of key " + event.getKey() + ": " + e, e);
        }
    }

    /** Waits for queued asynchronous events, then closes the listener and filter if they are closeable. */
    void close() {
        if (asyncQueue != null) {
            asyncQueue.awaitIdle(5_000);
        }
        closeQuietly(listener);
        if (filter != listener) {
            closeQuietly(filter);
        }
    }

    static void closeQuietly(Object resource) {
        if (resource instanceof AutoCloseable) {
            try {
                ((AutoCloseable) resource).close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "closing " + resource.getClass().getName() + " failed", e);
            }
        }
    }
}
