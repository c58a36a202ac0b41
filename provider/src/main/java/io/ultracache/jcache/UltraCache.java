package io.ultracache.jcache;

import static io.ultracache.jcache.expiry.ExpiryCalculator.NOT_STORED;
import static io.ultracache.jcache.expiry.ExpiryCalculator.UNCHANGED;

import io.ultracache.jcache.configuration.UltraCacheConfiguration;
import io.ultracache.jcache.event.EventBatch;
import io.ultracache.jcache.event.EventDispatcher;
import io.ultracache.jcache.expiry.ExpiryCalculator;
import io.ultracache.jcache.integration.CacheLoaderAdapter;
import io.ultracache.jcache.integration.CacheWriterAdapter;
import io.ultracache.jcache.management.CacheConfigurationBean;
import io.ultracache.jcache.management.CacheStatistics;
import io.ultracache.jcache.management.MBeanRegistration;
import io.ultracache.jcache.management.SharedCacheStatistics;
import io.ultracache.jcache.processor.ProcessorEntry;
import io.ultracache.jcache.processor.ProcessorResult;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreEntry;
import io.ultracache.store.StoreTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.CacheEntryListenerConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.event.EventType;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;
import javax.cache.integration.CompletionListener;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.EntryProcessorException;
import javax.cache.processor.EntryProcessorResult;

/**
 * A JCache {@link Cache} whose entries live in a {@link SharedStore}: every process that opens the
 * cache (same manager URI or namespace, same name, same directory) sees the same entries.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Linearizable across processes.</b> Every operation on one key takes effect at one instant
 *   between its call and its return, in every process; an operation that starts after another
 *   completed, in any process, sees its effect.</li>
 *   <li><b>Atomic across processes.</b> {@code putIfAbsent}, {@code replace}, {@code remove(k, v)},
 *   the {@code getAndX} operations and {@code invoke} (per key, also within {@code invokeAll}) run
 *   under the cache's cross-process lock, as does the write-through of every write. {@code putAll}
 *   runs as one locked step; {@code removeAll} and {@code invokeAll} are atomic per batch or per key,
 *   not as a whole. Reads take no lock.</li>
 *   <li><b>Store-by-value.</b> Keys and values are serialized when written, with the serializer bound
 *   to the manager's class loader; reads return new objects (immutable values may be shared).</li>
 *   <li><b>Expiry</b> is kept as an absolute time in the store, so every process agrees when an entry
 *   expires; the expiry policy of the process making a change decides it.</li>
 *   <li><b>Per process:</b> entry listeners hear of changes made through this process; statistics
 *   count this process's operations; loaders, writers and entry processors run in the calling
 *   process (entry processors are never serialized). An {@code EXPIRED} event is sent when this
 *   process finds an entry expired (reading it, or writing over it), not at the instant it expires.</li>
 * </ul>
 *
 * <p>Entry processors, cache writers and expiry policies run while the cross-process lock is held:
 * keep them short, because the other processes' writes to this cache wait meanwhile (and fail after
 * the lock timeout). A cache writer is called before the entry changes; if it fails, the entry is
 * unchanged. Loaders called by {@code get} and {@code loadAll} run without the lock.
 *
 * <p>With no statistics, no listeners, no loader or writer and the eternal expiry policy (the
 * defaults), {@code get}, {@code put} and {@code remove} go straight to the store. Under the eternal
 * policy a {@code put} writes an entry that never expires, whatever expiry another process gave the
 * entry it replaces.
 */
public final class UltraCache<K, V> implements Cache<K, V> {
    private static final System.Logger LOG = System.getLogger(UltraCache.class.getName());
    /** Keys per locked step of {@code removeAll}, so that other processes are not held off for long. */
    private static final int REMOVE_BATCH = 1024;

    private final UltraCacheManager manager;
    private final String name;
    private final SharedStore store;
    /** The resolved configuration, without listeners (the dispatcher keeps those). */
    private final UltraCacheConfiguration<K, V> configuration;
    /** Key and value types to check, or null when they are Object. */
    private final Class<?> keyType;
    private final Class<?> valueType;
    private final ExpiryCalculator expiry;
    private final CacheLoaderAdapter<K, V> loader;
    private final boolean readThrough;
    private final CacheWriterAdapter<K, V> writer;
    private final EventDispatcher<K, V> dispatcher;
    private final CacheStatistics statistics;
    private final MBeanRegistration statisticsBean;
    private final MBeanRegistration sharedStatisticsBean;
    private final MBeanRegistration configurationBean;

    private volatile boolean statisticsEnabled;
    private volatile boolean managementEnabled;
    /** get/getAll can go straight to the store, unless a process follows the store's changes. */
    private volatile boolean plainReads;
    /** put/remove can go straight to the store. */
    private volatile boolean plainWrites;
    private volatile boolean closed;

    /**
     * Called by the manager with a store it opened for this cache and the resolved configuration;
     * creates the configured expiry policy, loader, writer and listeners.
     */
    UltraCache(UltraCacheManager manager, String name, SharedStore store, UltraCacheConfiguration<K, V> resolved) {
        this.manager = manager;
        this.name = name;
        this.store = store;
        this.configuration = new UltraCacheConfiguration<>(resolved);
        for (CacheEntryListenerConfiguration<K, V> listener : resolved.getCacheEntryListenerConfigurations()) {
            configuration.removeCacheEntryListenerConfiguration(listener);
        }
        this.keyType = resolved.getKeyType() == Object.class ? null : resolved.getKeyType();
        this.valueType = resolved.getValueType() == Object.class ? null : resolved.getValueType();

        ExpiryPolicy policy = resolved.getExpiryPolicyFactory() == null ? null : resolved.getExpiryPolicyFactory().create();
        this.expiry = new ExpiryCalculator(policy != null ? policy : new javax.cache.expiry.EternalExpiryPolicy());
        CacheLoader<K, V> cacheLoader = resolved.getCacheLoaderFactory() == null ? null
                : resolved.getCacheLoaderFactory().create();
        this.loader = cacheLoader == null ? null : new CacheLoaderAdapter<>(cacheLoader);
        this.readThrough = loader != null && resolved.isReadThrough();
        CacheWriter<? super K, ? super V> cacheWriter = resolved.isWriteThrough() && resolved.getCacheWriterFactory() != null
                ? resolved.getCacheWriterFactory().create() : null;
        this.writer = cacheWriter == null ? null : new CacheWriterAdapter<>(cacheWriter);

        this.dispatcher = new EventDispatcher<>(this, BackgroundExecutor.INSTANCE, store::follow);
        for (CacheEntryListenerConfiguration<K, V> listener : resolved.getCacheEntryListenerConfigurations()) {
            dispatcher.register(listener);
        }
        String uri = manager.getURI().toString();
        this.statistics = new CacheStatistics(store);
        this.statisticsBean = new MBeanRegistration(MBeanRegistration.Type.CacheStatistics, uri, name, statistics);
        this.sharedStatisticsBean = new MBeanRegistration(MBeanRegistration.Type.SharedCacheStatistics, uri, name,
                new SharedCacheStatistics(store));
        this.configurationBean = new MBeanRegistration(MBeanRegistration.Type.CacheConfiguration, uri, name,
                new CacheConfigurationBean(configuration, () -> statisticsEnabled, () -> managementEnabled));
        setStatisticsEnabled(resolved.isStatisticsEnabled());
        setManagementEnabled(resolved.isManagementEnabled());
    }

    // ------------------------------------------------------------------ checks

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache '" + name + "' is closed");
        }
    }

    private void requireKey(Object key) {
        if (key == null) {
            throw new NullPointerException("a key of cache '" + name + "' must not be null");
        }
        if (keyType != null && !keyType.isInstance(key)) {
            throw new ClassCastException("cache '" + name + "' holds keys of type " + keyType.getName() + ", not "
                    + key.getClass().getName());
        }
    }

    private void requireValue(Object value) {
        if (value == null) {
            throw new NullPointerException("a value of cache '" + name + "' must not be null");
        }
        if (valueType != null && !valueType.isInstance(value)) {
            throw new ClassCastException("cache '" + name + "' holds values of type " + valueType.getName() + ", not "
                    + value.getClass().getName());
        }
    }

    private void requireSerializable(Object key, Object value) {
        StoreFailures.checkSerializable(store.serializer(), name, key, "key");
        StoreFailures.checkSerializable(store.serializer(), name, value, "value");
    }

    private void refreshFastPaths() {
        boolean stats = statisticsEnabled;
        plainReads = !stats && !readThrough && expiry.accessKeepsExpiry() && !dispatcher.hasListeners(EventType.EXPIRED);
        plainWrites = !stats && writer == null && expiry.isEternal() && !dispatcher.hasListeners();
    }

    private static long now() {
        return System.currentTimeMillis();
    }

    private static boolean live(StoreEntry entry, long now) {
        return entry != null && !entry.isExpiredAt(now);
    }

    @SuppressWarnings("unchecked")
    private V valueOf(StoreEntry entry) {
        return (V) entry.value();
    }

    // ------------------------------------------------------------------ reads

    @Override
    @SuppressWarnings("unchecked")
    public V get(K key) {
        checkOpen();
        requireKey(key);
        try {
            if (plainReads && !store.hasFollowers()) {
                return (V) store.get(key);
            }
            boolean stats = statisticsEnabled;
            long start = stats ? System.nanoTime() : 0;
            V value = read(key, stats);
            if (value == null && readThrough) {
                value = loadAndStore(key);
            }
            if (stats) {
                statistics.recordGetTime(System.nanoTime() - start);
            }
            return value;
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** The live value of {@code key} or null, counting a hit or miss and applying the access expiry. */
    private V read(K key, boolean stats) {
        long now = now();
        StoreEntry entry = store.getEntry(key);
        if (entry != null && entry.isExpiredAt(now)) {
            expired(key);
            entry = null;
        }
        if (entry == null) {
            if (stats) {
                statistics.recordMisses(1);
            }
            return null;
        }
        if (stats) {
            statistics.recordHits(1);
        }
        touchOnAccess(key, entry, now);
        return valueOf(entry);
    }

    /** Applies the policy's expiry for an access to an entry read without the lock. */
    private void touchOnAccess(K key, StoreEntry seen, long now) {
        long expiresAt = expiry.forAccess(now);
        if (expiresAt == UNCHANGED || expiresAt == seen.expiresAt()) {
            return;
        }
        store.update(tx -> {
            StoreEntry current = tx.get(key);
            // only if no one changed the entry since it was read
            if (current != null && current.expiresAt() == seen.expiresAt() && !current.isExpiredAt(now())) {
                tx.touch(key, expiresAt);
            }
            return null;
        });
    }

    /**
     * Removes an entry found expired if some listener, here or in another process, wants to hear of
     * it: the removal is recorded as an expiry, which other processes' listeners receive.
     */
    private void expired(K key) {
        if (!dispatcher.hasListeners(EventType.EXPIRED) && !store.hasFollowers()) {
            return; // the store drops expired entries by itself
        }
        EventBatch<K, V> batch = dispatcher.newBatch();
        store.update(tx -> {
            StoreEntry current = tx.get(key);
            if (current != null && current.isExpiredAt(now()) && tx.removeExpired(key)) {
                batch.expired(key, valueOf(current));
            }
            return null;
        });
        dispatcher.dispatch(batch);
    }

    /** Read-through: loads a missing value without the lock, then stores it unless another got there first. */
    private V loadAndStore(K key) {
        V loaded = loader.load(key);
        if (loaded == null) {
            return null;
        }
        EventBatch<K, V> batch = dispatcher.newBatch();
        V value = store.update(tx -> storeLoaded(tx, key, loaded, false, now(), batch));
        dispatcher.dispatch(batch);
        return value;
    }

    /**
     * Stores a loaded value (never written through). Returns the value the cache has for the key
     * afterwards, or the loaded value if its creation expiry is zero.
     */
    private V storeLoaded(StoreTransaction tx, K key, V value, boolean replaceExisting, long now, EventBatch<K, V> batch) {
        StoreEntry old = tx.get(key);
        boolean exists = live(old, now);
        if (exists && !replaceExisting) {
            return valueOf(old);
        }
        store(tx, key, value, old, now, batch);
        return value;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Map<K, V> getAll(Set<? extends K> keys) {
        checkOpen();
        Objects.requireNonNull(keys, "keys must not be null");
        for (K key : keys) {
            requireKey(key);
        }
        try {
            boolean stats = statisticsEnabled;
            long start = stats ? System.nanoTime() : 0;
            Map<K, V> result = new LinkedHashMap<>();
            List<K> missing = new ArrayList<>();
            for (K key : keys) {
                V value = plainReads && !store.hasFollowers() ? (V) store.get(key) : read(key, stats);
                if (value != null) {
                    result.put(key, value);
                } else {
                    missing.add(key);
                }
            }
            if (readThrough && !missing.isEmpty()) {
                Map<K, V> loaded = loader.loadAll(missing);
                EventBatch<K, V> batch = dispatcher.newBatch();
                store.update(tx -> {
                    long now = now();
                    for (K key : missing) {
                        V value = loaded.get(key);
                        if (value != null) {
                            result.put(key, storeLoaded(tx, key, value, false, now, batch));
                        }
                    }
                    return null;
                });
                dispatcher.dispatch(batch);
            }
            if (stats) {
                statistics.recordGetTime(System.nanoTime() - start);
            }
            return result;
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    @Override
    public boolean containsKey(K key) {
        checkOpen();
        requireKey(key);
        try {
            return store.containsKey(key);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    @Override
    public void loadAll(Set<? extends K> keys, boolean replaceExistingValues, CompletionListener completionListener) {
        checkOpen();
        Objects.requireNonNull(keys, "keys must not be null");
        for (K key : keys) {
            requireKey(key);
        }
        if (loader == null) {
            if (completionListener != null) {
                completionListener.onCompletion();
            }
            return;
        }
        List<K> requested = new ArrayList<>(keys);
        BackgroundExecutor.INSTANCE.execute(() -> {
            try {
                List<K> toLoad = new ArrayList<>();
                for (K key : requested) {
                    if (replaceExistingValues || !store.containsKey(key)) {
                        toLoad.add(key);
                    }
                }
                if (!toLoad.isEmpty()) {
                    Map<K, V> loaded = loader.loadAll(toLoad);
                    EventBatch<K, V> batch = dispatcher.newBatch();
                    store.update(tx -> {
                        long now = now();
                        for (K key : toLoad) {
                            V value = loaded.get(key);
                            if (value != null) {
                                storeLoaded(tx, key, value, replaceExistingValues, now, batch);
                            }
                        }
                        return null;
                    });
                    dispatcher.dispatch(batch);
                }
                if (completionListener != null) {
                    completionListener.onCompletion();
                }
            } catch (RuntimeException e) {
                RuntimeException failure = StoreFailures.translate(e);
                if (completionListener != null) {
                    completionListener.onException(failure);
                } else {
                    LOG.log(System.Logger.Level.WARNING, "loadAll of cache '" + name + "' failed", failure);
                }
            }
        });
    }

    // ------------------------------------------------------------------ writes

    /**
     * Writes {@code value} for {@code key} whose current entry is {@code old}: through the writer
     * (if {@code writeThrough}), then to the store with the policy's expiry, counting the put and
     * collecting the event. Returns false if the creation expiry is zero, so nothing was stored.
     */
    private boolean write(StoreTransaction tx, K key, V value, StoreEntry old, long now, EventBatch<K, V> batch,
            boolean writeThrough) {
        if (writeThrough && writer != null) {
            writer.write(new UltraCacheEntry<>(key, value));
        }
        return store(tx, key, value, old, now, batch);
    }

    private boolean store(StoreTransaction tx, K key, V value, StoreEntry old, long now, EventBatch<K, V> batch) {
        boolean exists = live(old, now);
        long expiresAt = exists ? expiry.forUpdate(now) : expiry.forCreation(now);
        if (expiresAt == NOT_STORED) {
            return false;
        }
        if (expiresAt == UNCHANGED) {
            expiresAt = old.expiresAt();
        }
        tx.put(key, value, expiresAt);
        if (statisticsEnabled) {
            statistics.recordPuts(1);
        }
        if (exists) {
            batch.updated(key, value, valueOf(old));
        } else {
            if (old != null) {
                batch.expired(key, valueOf(old));
            }
            batch.created(key, value);
        }
        return true;
    }

    /** Applies the policy's expiry for an access inside a transaction. */
    private void touchLocked(StoreTransaction tx, K key, long now) {
        long expiresAt = expiry.forAccess(now);
        if (expiresAt != UNCHANGED) {
            tx.touch(key, expiresAt);
        }
    }

    @Override
    public void put(K key, V value) {
        checkOpen();
        requireKey(key);
        requireValue(value);
        if (plainWrites) {
            try {
                store.put(key, value, StoreEntry.ETERNAL);
            } catch (RuntimeException e) {
                throw StoreFailures.translate(e);
            }
            return;
        }
        writeOneKey(key, value, (tx, batch, stats) -> {
            long now = now();
            return write(tx, key, value, tx.get(key), now, batch, true);
        }, (stored, elapsed) -> statistics.recordPutTime(elapsed));
    }

    @Override
    public V getAndPut(K key, V value) {
        checkOpen();
        requireKey(key);
        requireValue(value);
        return writeOneKey(key, value, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = tx.get(key);
            boolean exists = live(old, now);
            count(stats, exists);
            write(tx, key, value, old, now, batch, true);
            return exists ? valueOf(old) : null;
        }, (previous, elapsed) -> {
            statistics.recordGetTime(elapsed);
            statistics.recordPutTime(elapsed);
        });
    }

    /** One step of a single-key operation, run under the store's lock. */
    @FunctionalInterface
    private interface LockedStep<K, V, R> {
        /** @param stats whether statistics were enabled when the operation began */
        R run(StoreTransaction tx, EventBatch<K, V> batch, boolean stats);
    }

    /** What a single-key operation adds to the statistics once its locked step returned {@code result}. */
    @FunctionalInterface
    private interface StepStatistics<R> {
        void record(R result, long elapsedNanos);
    }

    /**
     * The outline every single-key operation shares: check that {@code valueToStore} (if any) can
     * be serialized before a cache writer sees it, run {@code step} under the store's lock with a
     * new event batch, record the statistics, then dispatch the events. Statistics come before the
     * dispatch, so a synchronous listener that throws does not change what they count. Store
     * failures become {@link CacheException}s.
     */
    private <R> R writeOneKey(K key, V valueToStore, LockedStep<K, V, R> step, StepStatistics<R> stepStatistics) {
        try {
            boolean stats = statisticsEnabled;
            long start = stats ? System.nanoTime() : 0;
            if (writer != null && valueToStore != null) {
                requireSerializable(key, valueToStore);
            }
            EventBatch<K, V> batch = dispatcher.newBatch();
            R result = store.update(tx -> step.run(tx, batch, stats));
            if (stats) {
                stepStatistics.record(result, System.nanoTime() - start);
            }
            dispatcher.dispatch(batch);
            return result;
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** The key's entry if it is live, else null; counts a hit or a miss. */
    private StoreEntry liveEntry(StoreTransaction tx, K key, long now, boolean stats) {
        StoreEntry old = tx.get(key);
        boolean hit = live(old, now);
        count(stats, hit);
        return hit ? old : null;
    }

    /**
     * For the conditional {@code remove} and {@code replace}: the key's live entry if it holds
     * {@code expected}, else null. Counts a hit or a miss; a live entry holding another value
     * counts as accessed (its expiry policy's access duration applies).
     */
    private StoreEntry liveEntryHolding(StoreTransaction tx, K key, V expected, long now, boolean stats) {
        StoreEntry old = liveEntry(tx, key, now, stats);
        if (old != null && !expected.equals(old.value())) {
            touchLocked(tx, key, now);
            return null;
        }
        return old;
    }

    private void count(boolean stats, boolean hit) {
        if (stats) {
            if (hit) {
                statistics.recordHits(1);
            } else {
                statistics.recordMisses(1);
            }
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>All entries are written in one locked step. Every key and value is checked before anything
     * is written: one that is null, of the wrong type or cannot be serialized fails the call and
     * nothing is written. If the cache writer fails after writing some entries, those (and only
     * those) are stored, then its exception is thrown.
     */
    @Override
    public void putAll(Map<? extends K, ? extends V> map) {
        checkOpen();
        Objects.requireNonNull(map, "map must not be null");
        Map<K, V> entries = new LinkedHashMap<>(map.size() * 2);
        for (Map.Entry<? extends K, ? extends V> e : map.entrySet()) {
            requireKey(e.getKey());
            requireValue(e.getValue());
            entries.put(e.getKey(), e.getValue());
        }
        if (entries.isEmpty()) {
            return;
        }
        try {
            boolean stats = statisticsEnabled;
            long start = stats ? System.nanoTime() : 0;
            for (Map.Entry<K, V> e : entries.entrySet()) {
                requireSerializable(e.getKey(), e.getValue());
            }
            EventBatch<K, V> batch = dispatcher.newBatch();
            CacheWriterException failure = store.update(tx -> {
                Collection<K> toStore = entries.keySet();
                CacheWriterException writeFailure = null;
                if (writer != null) {
                    List<Cache.Entry<? extends K, ? extends V>> pending = new ArrayList<>(entries.size());
                    for (Map.Entry<K, V> e : entries.entrySet()) {
                        pending.add(new UltraCacheEntry<>(e.getKey(), e.getValue()));
                    }
                    try {
                        writer.writeAll(pending);
                    } catch (CacheWriterException e) {
                        writeFailure = e;
                        Set<Object> unwritten = new HashSet<>();
                        for (Cache.Entry<? extends K, ? extends V> p : pending) {
                            unwritten.add(p.getKey());
                        }
                        List<K> written = new ArrayList<>();
                        for (K key : entries.keySet()) {
                            if (!unwritten.contains(key)) {
                                written.add(key);
                            }
                        }
                        toStore = written;
                    }
                }
                long now = now();
                for (K key : toStore) {
                    store(tx, key, entries.get(key), tx.get(key), now, batch);
                }
                return writeFailure;
            });
            if (stats) {
                statistics.recordPutTime(System.nanoTime() - start);
            }
            dispatcher.dispatch(batch);
            if (failure != null) {
                throw failure;
            }
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    @Override
    public boolean putIfAbsent(K key, V value) {
        checkOpen();
        requireKey(key);
        requireValue(value);
        return writeOneKey(key, value, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = tx.get(key);
            if (live(old, now)) {
                count(stats, true);
                return false;
            }
            count(stats, false);
            write(tx, key, value, old, now, batch, true);
            return true;
        }, (absent, elapsed) -> {
            if (absent) {
                statistics.recordPutTime(elapsed);
            }
        });
    }

    @Override
    public boolean remove(K key) {
        checkOpen();
        requireKey(key);
        try {
            if (plainWrites) {
                return store.remove(key);
            }
            return removeKey(key);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    /** Removes a key through the writer (always called, present or not), counting and reporting the removal. */
    private boolean removeKey(K key) {
        boolean wantOldValue = dispatcher.hasListeners(EventType.REMOVED);
        return writeOneKey(key, null, (tx, batch, stats) -> {
            if (writer != null) {
                writer.delete(key);
            }
            StoreEntry old = wantOldValue ? tx.get(key) : null;
            if (!tx.remove(key)) {
                return false;
            }
            batch.removed(key, old == null ? null : valueOf(old));
            return true;
        }, this::recordRemoval);
    }

    private void recordRemoval(boolean removed, long elapsedNanos) {
        if (removed) {
            statistics.recordRemovals(1);
            statistics.recordRemoveTime(elapsedNanos);
        }
    }

    @Override
    public boolean remove(K key, V oldValue) {
        checkOpen();
        requireKey(key);
        requireValue(oldValue);
        return writeOneKey(key, null, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = liveEntryHolding(tx, key, oldValue, now, stats);
            if (old == null) {
                return false;
            }
            if (writer != null) {
                writer.delete(key);
            }
            tx.remove(key);
            batch.removed(key, valueOf(old));
            return true;
        }, this::recordRemoval);
    }

    @Override
    public V getAndRemove(K key) {
        checkOpen();
        requireKey(key);
        return writeOneKey(key, null, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = tx.get(key);
            if (writer != null) {
                writer.delete(key);
            }
            if (!live(old, now)) {
                count(stats, false);
                return null;
            }
            count(stats, true);
            tx.remove(key);
            batch.removed(key, valueOf(old));
            return valueOf(old);
        }, (previous, elapsed) -> {
            statistics.recordGetTime(elapsed);
            recordRemoval(previous != null, elapsed);
        });
    }

    @Override
    public boolean replace(K key, V oldValue, V newValue) {
        checkOpen();
        requireKey(key);
        requireValue(oldValue);
        requireValue(newValue);
        return writeOneKey(key, newValue, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = liveEntryHolding(tx, key, oldValue, now, stats);
            if (old == null) {
                return false;
            }
            write(tx, key, newValue, old, now, batch, true);
            return true;
        }, (replaced, elapsed) -> {
            if (replaced) {
                statistics.recordPutTime(elapsed);
            }
        });
    }

    @Override
    public boolean replace(K key, V value) {
        return getAndReplace(key, value, false) != null;
    }

    @Override
    public V getAndReplace(K key, V value) {
        return getAndReplace(key, value, true);
    }

    /** Replaces a live entry's value; returns its old value, or null if there was none. */
    private V getAndReplace(K key, V value, boolean countGetTime) {
        checkOpen();
        requireKey(key);
        requireValue(value);
        return writeOneKey(key, value, (tx, batch, stats) -> {
            long now = now();
            StoreEntry old = liveEntry(tx, key, now, stats);
            if (old == null) {
                return null;
            }
            write(tx, key, value, old, now, batch, true);
            return valueOf(old);
        }, (previous, elapsed) -> {
            if (countGetTime) {
                statistics.recordGetTime(elapsed);
            }
            if (previous != null) {
                statistics.recordPutTime(elapsed);
            }
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>Keys are removed in locked steps of up to 1024 keys each, so the call as a whole is not
     * atomic. With a cache writer, each step first deletes its keys through the writer; if the
     * writer fails, the keys it deleted are removed and its exception is thrown.
     */
    @Override
    public void removeAll(Set<? extends K> keys) {
        checkOpen();
        Objects.requireNonNull(keys, "keys must not be null");
        for (K key : keys) {
            requireKey(key);
        }
        try {
            removeKeys(new ArrayList<>(new LinkedHashSet<>(keys)));
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>Removes the entries live when the call starts, as {@link #removeAll(Set)} does; entries
     * other processes add meanwhile may stay. With no writer, no statistics and no removal
     * listener this is the same as {@link #clear()}, which is atomic.
     */
    @Override
    @SuppressWarnings("unchecked")
    public void removeAll() {
        checkOpen();
        try {
            if (writer == null && !statisticsEnabled && !dispatcher.hasListeners(EventType.REMOVED)) {
                store.clear();
                return;
            }
            List<K> keys = new ArrayList<>();
            for (Iterator<StoreEntry> it = store.iterator(); it.hasNext(); ) {
                keys.add((K) it.next().key());
            }
            removeKeys(keys);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    private void removeKeys(List<K> keys) {
        boolean wantOldValues = dispatcher.hasListeners(EventType.REMOVED);
        for (int from = 0; from < keys.size(); from += REMOVE_BATCH) {
            List<K> step = keys.subList(from, Math.min(keys.size(), from + REMOVE_BATCH));
            boolean stats = statisticsEnabled;
            long start = stats ? System.nanoTime() : 0;
            EventBatch<K, V> batch = dispatcher.newBatch();
            long[] removed = new long[1];
            CacheWriterException failure = store.update(tx -> {
                Collection<K> toRemove = step;
                CacheWriterException deleteFailure = null;
                if (writer != null) {
                    List<Object> pending = new ArrayList<>(step);
                    try {
                        writer.deleteAll(pending);
                    } catch (CacheWriterException e) {
                        deleteFailure = e;
                        Set<Object> undeleted = new HashSet<>(pending);
                        List<K> deleted = new ArrayList<>();
                        for (K key : step) {
                            if (!undeleted.contains(key)) {
                                deleted.add(key);
                            }
                        }
                        toRemove = deleted;
                    }
                }
                for (K key : toRemove) {
                    StoreEntry old = wantOldValues ? tx.get(key) : null;
                    if (tx.remove(key)) {
                        removed[0]++;
                        batch.removed(key, old == null ? null : valueOf(old));
                    }
                }
                return deleteFailure;
            });
            if (stats && removed[0] > 0) {
                statistics.recordRemovals(removed[0]);
                statistics.recordRemoveTime(System.nanoTime() - start);
            }
            dispatcher.dispatch(batch);
            if (failure != null) {
                throw failure;
            }
        }
    }

    /** Removes every entry, atomically, for every process: no writer, no listener, no statistics. */
    @Override
    public void clear() {
        checkOpen();
        try {
            store.clear();
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    // ------------------------------------------------------------------ entry processors

    /**
     * {@inheritDoc}
     *
     * <p>The processor runs in this process, on this thread, under the cache's cross-process lock: it
     * sees the entry as it is and no other process changes it meanwhile. Its changes are applied
     * when it returns; if it throws, nothing is changed and its exception is the cause of the
     * {@link EntryProcessorException}. Processors and their arguments are never serialized.
     */
    @Override
    public <T> T invoke(K key, EntryProcessor<K, V, T> entryProcessor, Object... arguments) {
        checkOpen();
        requireKey(key);
        Objects.requireNonNull(entryProcessor, "entry processor must not be null");
        try {
            boolean stats = statisticsEnabled;
            EventBatch<K, V> batch = dispatcher.newBatch();
            T result = store.update(tx -> invokeLocked(tx, key, entryProcessor, arguments, batch, stats));
            dispatcher.dispatch(batch);
            return result;
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    private <T> T invokeLocked(StoreTransaction tx, K key, EntryProcessor<K, V, T> processor, Object[] arguments,
            EventBatch<K, V> batch, boolean stats) {
        long now = now();
        StoreEntry old = tx.get(key);
        boolean exists = live(old, now);
        ProcessorEntry<K, V> entry = new ProcessorEntry<>(key, exists ? valueOf(old) : null,
                readThrough ? loader::load : null, this::requireValue);
        T result;
        try {
            result = processor.process(entry, arguments);
        } catch (EntryProcessorException e) {
            throw e;
        } catch (Exception e) {
            throw new EntryProcessorException("entry processor " + processor.getClass().getName() + " failed on key "
                    + key + " of cache '" + name + "': " + e, e);
        }
        count(stats, exists);
        switch (entry.action()) {
            case NONE:
                break;
            case READ:
                touchLocked(tx, key, now);
                break;
            case LOADED:
                store(tx, key, entry.newValue(), old, now, batch);
                break;
            case CREATED:
            case UPDATED:
                if (writer != null) {
                    requireSerializable(key, entry.newValue());
                }
                write(tx, key, entry.newValue(), old, now, batch, true);
                break;
            case REMOVED:
                if (writer != null) {
                    writer.delete(key);
                }
                if (exists) {
                    tx.remove(key);
                    if (stats) {
                        statistics.recordRemovals(1);
                    }
                    batch.removed(key, valueOf(old));
                }
                break;
            default:
                throw new IllegalStateException("unknown entry action " + entry.action());
        }
        return result;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Each key is processed as by {@link #invoke}, atomically per key, in the order of the set.
     */
    @Override
    public <T> Map<K, EntryProcessorResult<T>> invokeAll(Set<? extends K> keys, EntryProcessor<K, V, T> entryProcessor,
            Object... arguments) {
        checkOpen();
        Objects.requireNonNull(keys, "keys must not be null");
        Objects.requireNonNull(entryProcessor, "entry processor must not be null");
        for (K key : keys) {
            requireKey(key);
        }
        Map<K, EntryProcessorResult<T>> results = new LinkedHashMap<>();
        for (K key : keys) {
            try {
                T result = invoke(key, entryProcessor, arguments);
                if (result != null) {
                    results.put(key, ProcessorResult.of(result));
                }
            } catch (EntryProcessorException e) {
                results.put(key, ProcessorResult.failed(e));
            } catch (CacheException e) {
                results.put(key, ProcessorResult.failed(new EntryProcessorException(e.getMessage(), e)));
            }
        }
        return results;
    }

    // ------------------------------------------------------------------ iteration

    /**
     * {@inheritDoc}
     *
     * <p>Iterates over a snapshot of the keys live when the call is made, skipping entries that
     * have expired by the time they are reached; each entry returned counts as a hit and an access.
     * {@link Iterator#remove()} removes the last entry returned as {@link #remove(Object)} does.
     */
    @Override
    public Iterator<Cache.Entry<K, V>> iterator() {
        checkOpen();
        try {
            return new EntryIterator(store.iterator());
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
    }

    private final class EntryIterator implements Iterator<Cache.Entry<K, V>> {
        private final Iterator<StoreEntry> entries;
        private StoreEntry next;
        private K lastKey;

        EntryIterator(Iterator<StoreEntry> entries) {
            this.entries = entries;
        }

        @Override
        public boolean hasNext() {
            checkOpen();
            try {
                long now = now();
                while (next == null && entries.hasNext()) {
                    StoreEntry candidate = entries.next();
                    if (!candidate.isExpiredAt(now)) {
                        next = candidate;
                    }
                }
                return next != null;
            } catch (RuntimeException e) {
                throw StoreFailures.translate(e);
            }
        }

        @Override
        @SuppressWarnings("unchecked")
        public Cache.Entry<K, V> next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            StoreEntry entry = next;
            next = null;
            K key = (K) entry.key();
            lastKey = key;
            try {
                if (statisticsEnabled) {
                    statistics.recordHits(1);
                }
                touchOnAccess(key, entry, now());
            } catch (RuntimeException e) {
                throw StoreFailures.translate(e);
            }
            return new UltraCacheEntry<>(key, valueOf(entry));
        }

        @Override
        public void remove() {
            if (lastKey == null) {
                throw new IllegalStateException("next() has not been called, or remove() was already called for its entry");
            }
            checkOpen();
            K key = lastKey;
            lastKey = null;
            try {
                removeKey(key);
            } catch (RuntimeException e) {
                throw StoreFailures.translate(e);
            }
        }
    }

    // ------------------------------------------------------------------ listeners, configuration, lifecycle

    @Override
    public void registerCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        checkOpen();
        Objects.requireNonNull(listenerConfiguration, "listener configuration must not be null");
        dispatcher.register(listenerConfiguration);
        refreshFastPaths();
    }

    @Override
    public void deregisterCacheEntryListener(CacheEntryListenerConfiguration<K, V> listenerConfiguration) {
        checkOpen();
        Objects.requireNonNull(listenerConfiguration, "listener configuration must not be null");
        dispatcher.deregister(listenerConfiguration);
        refreshFastPaths();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Returns a copy of the configuration, as an {@link UltraCacheConfiguration} with every
     * setting resolved and the listeners registered now; changing it does not change the cache.
     */
    @Override
    public <C extends Configuration<K, V>> C getConfiguration(Class<C> clazz) {
        if (!clazz.isInstance(configuration)) {
            throw new IllegalArgumentException("the configuration of cache '" + name + "' is an "
                    + UltraCacheConfiguration.class.getName() + ", not a " + clazz.getName());
        }
        UltraCacheConfiguration<K, V> copy = new UltraCacheConfiguration<>(configuration);
        copy.setStatisticsEnabled(statisticsEnabled);
        copy.setManagementEnabled(managementEnabled);
        for (CacheEntryListenerConfiguration<K, V> listener : dispatcher.configurations()) {
            copy.addCacheEntryListenerConfiguration(listener);
        }
        return clazz.cast(copy);
    }

    /** The resolved configuration itself, for the manager's type checks. */
    UltraCacheConfiguration<K, V> configuration() {
        return configuration;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public CacheManager getCacheManager() {
        return manager;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Unwraps to this class, to the {@link SharedStore} under the cache, or to a copy of its
     * configuration (as {@link #getConfiguration} returns).
     */
    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        if (clazz == SharedStore.class) {
            return clazz.cast(store);
        }
        if (Configuration.class.isAssignableFrom(clazz) && clazz.isAssignableFrom(UltraCacheConfiguration.class)) {
            return clazz.cast(getConfiguration((Class) clazz));
        }
        throw new IllegalArgumentException("cache '" + name + "' cannot be unwrapped to " + clazz.getName());
    }

    void setStatisticsEnabled(boolean enabled) {
        statisticsEnabled = enabled;
        statisticsBean.setRegistered(enabled);
        sharedStatisticsBean.setRegistered(enabled);
        refreshFastPaths();
    }

    void setManagementEnabled(boolean enabled) {
        managementEnabled = enabled;
        configurationBean.setRegistered(enabled);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also true once another process destroyed the cache.
     */
    @Override
    public boolean isClosed() {
        return closed || store.isDestroyed();
    }

    /** Whether the cache's store was destroyed, here or by another process. */
    boolean isDestroyed() {
        return store.isDestroyed();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Closes this process's handle: other processes keep using the cache. If this was the last
     * handle of any process and the cache unlinks on last close (the default), its entries are gone.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        manager.cacheClosed(this);
        shutDown(false);
    }

    /** Closes this cache and destroys its store for every process (called by the manager's destroyCache). */
    void destroy() {
        synchronized (this) {
            closed = true;
        }
        shutDown(true);
    }

    private void shutDown(boolean destroy) {
        try {
            statisticsBean.setRegistered(false);
            sharedStatisticsBean.setRegistered(false);
            configurationBean.setRegistered(false);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache '" + name + "': unregistering its MBeans failed", e);
        }
        dispatcher.close();
        Set<Object> closeables = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        closeables.add(expiry.policy());
        if (loader != null) {
            closeables.add(loader.loader());
        }
        if (writer != null) {
            closeables.add(writer.writer());
        }
        for (Object resource : closeables) {
            if (resource instanceof AutoCloseable) {
                try {
                    ((AutoCloseable) resource).close();
                } catch (Exception e) {
                    LOG.log(System.Logger.Level.WARNING, "cache '" + name + "': closing " + resource.getClass().getName()
                            + " failed", e);
                }
            }
        }
        try {
            if (destroy) {
                store.destroy();
            } else {
                store.close();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache '" + name + "': " + (destroy ? "destroying" : "closing")
                    + " its store failed: " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "UltraCache[" + name + " of " + manager.getURI() + (closed ? ", closed" : "") + "]";
    }
}
