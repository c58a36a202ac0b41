package io.ultracache.jcache;

import io.ultracache.jcache.configuration.UltraCacheConfiguration;
import io.ultracache.jcache.configuration.UltraCacheProperties;
import io.ultracache.jcache.configuration.UltraCacheProperties.ManagerSettings;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreNotFoundException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheException;
import javax.cache.CacheManager;
import javax.cache.configuration.Configuration;
import javax.cache.spi.CachingProvider;

/**
 * A JCache {@link CacheManager}: the caches of one URI and class loader in this process.
 *
 * <p>A cache is one {@link SharedStore} whose namespace is the manager's URI (or the
 * {@code ultracache.namespace} property) and whose name is the cache's name, so processes whose
 * managers have the same URI share caches by name. Its serializer resolves classes with the
 * manager's class loader.
 *
 * <p>{@link #getCache(String)} returns, in this order: a cache this manager has open; a cache the
 * manager's properties list (created on first use, see {@link UltraCacheProperties}); a cache
 * another process created, attached to with the key type, value type and serializer stored with it
 * (and the JCache defaults for the rest); else null. {@link #destroyCache} destroys the cache for
 * every process, whether or not this manager had it open.
 */
public final class UltraCacheManager implements CacheManager {
    private final CachingProvider provider;
    private final Consumer<UltraCacheManager> onClose;
    private final URI uri;
    private final ClassLoader classLoader;
    private final Properties properties;
    private final ManagerSettings settings;
    private final String namespace;
    private final Map<String, UltraCache<?, ?>> caches = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /**
     * Made by the provider.
     *
     * @param properties the manager's properties: those of the file its URI names, if any, overridden by
     *                   those given to {@code getCacheManager}
     * @param onClose    told when the manager is closed, so the provider forgets it
     * @throws CacheException if the properties are not valid
     */
    public UltraCacheManager(CachingProvider provider, URI uri, ClassLoader classLoader, Properties properties,
            Consumer<UltraCacheManager> onClose) {
        this.provider = provider;
        this.onClose = onClose;
        this.uri = uri;
        this.classLoader = classLoader;
        this.properties = properties;
        this.settings = UltraCacheProperties.parse(properties, classLoader);
        this.namespace = settings.namespace() != null ? settings.namespace() : uri.toString();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("cache manager " + uri + " is closed");
        }
    }

    @Override
    public CachingProvider getCachingProvider() {
        return provider;
    }

    @Override
    public URI getURI() {
        return uri;
    }

    @Override
    public ClassLoader getClassLoader() {
        return classLoader;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    /** What names this manager's caches across processes: the URI, unless the properties set a namespace. */
    public String getNamespace() {
        return namespace;
    }

    /**
     * {@inheritDoc}
     *
     * <p>If another process already created the cache, this attaches to it; its key type, value
     * type, expiry policy and serializer format must then be the same, else a {@link CacheException}
     * lists the differences. Other settings (listeners, loader, writer, statistics) are this
     * process's own.
     *
     * @throws UnsupportedOperationException if the configuration asks for store-by-reference
     */
    @Override
    public <K, V, C extends Configuration<K, V>> Cache<K, V> createCache(String cacheName, C configuration) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        Objects.requireNonNull(configuration, "configuration must not be null");
        synchronized (this) {
            checkOpen();
            if (present(cacheName) != null) {
                throw new CacheException("cache '" + cacheName + "' already exists in cache manager " + uri);
            }
            return open(cacheName, configuration, settings.caches().get(cacheName), false);
        }
    }

    /** Opens (creating or attaching to) a cache's store and makes the cache; call holding this manager's lock. */
    private <K, V> UltraCache<K, V> open(String cacheName, Configuration<K, V> configuration,
            UltraCacheConfiguration<?, ?> listed, boolean attachOnly) {
        if (!configuration.isStoreByValue()) {
            throw new UnsupportedOperationException("cache '" + cacheName + "': UltraCache keeps entries in shared memory"
                    + " and so supports store-by-value only; configure setStoreByValue(true)");
        }
        UltraCacheConfiguration<K, V> resolved = UltraCacheProperties.resolve(configuration, listed, settings);
        SharedStore store;
        try {
            StoreConfig storeConfig = UltraCacheProperties.storeConfig(namespace, cacheName, resolved, classLoader);
            if (attachOnly) {
                storeConfig = storeConfig.toBuilder().createIfMissing(false).build();
            }
            store = SharedStore.open(storeConfig);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
        UltraCache<K, V> cache;
        try {
            cache = new UltraCache<>(this, cacheName, store, resolved);
        } catch (RuntimeException | Error e) {
            store.close();
            throw e;
        }
        caches.put(cacheName, cache);
        return cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName, Class<K> keyType, Class<V> valueType) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        Objects.requireNonNull(keyType, "key type must not be null");
        Objects.requireNonNull(valueType, "value type must not be null");
        UltraCache<?, ?> cache = lookup(cacheName);
        if (cache == null) {
            return null;
        }
        Configuration<?, ?> configuration = cache.configuration();
        if (configuration.getKeyType() != keyType || configuration.getValueType() != valueType) {
            throw new ClassCastException("cache '" + cacheName + "' has key type " + configuration.getKeyType().getName()
                    + " and value type " + configuration.getValueType().getName() + ", not " + keyType.getName()
                    + " and " + valueType.getName());
        }
        return (Cache<K, V>) cache;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <K, V> Cache<K, V> getCache(String cacheName) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        return (Cache<K, V>) lookup(cacheName);
    }

    private UltraCache<?, ?> lookup(String cacheName) {
        UltraCache<?, ?> cache = caches.get(cacheName);
        if (cache != null && !cache.isDestroyed()) {
            return cache;
        }
        synchronized (this) {
            checkOpen();
            cache = present(cacheName);
            if (cache != null) {
                return cache;
            }
            UltraCacheConfiguration<Object, Object> listed = settings.caches().get(cacheName);
            if (listed != null) {
                return open(cacheName, listed, listed, false);
            }
            return discover(cacheName);
        }
    }

    /**
     * The cache of that name this manager has open, or null. A cache another process destroyed is
     * closed and forgotten here, so that the name can be used again. Call holding this manager's lock.
     */
    private UltraCache<?, ?> present(String cacheName) {
        UltraCache<?, ?> cache = caches.get(cacheName);
        if (cache != null && cache.isDestroyed()) {
            caches.remove(cacheName, cache);
            cache.close();
            return null;
        }
        return cache;
    }

    /** Attaches to a cache another process created, with the configuration stored with it; null if there is none. */
    private UltraCache<?, ?> discover(String cacheName) {
        Path directory = UltraCacheProperties.directory(settings);
        Optional<Map<String, String>> stored;
        try {
            stored = SharedStore.readProperties(directory, namespace, cacheName);
        } catch (RuntimeException e) {
            throw StoreFailures.translate(e);
        }
        if (stored.isEmpty()) {
            return null;
        }
        UltraCacheConfiguration<Object, Object> configuration =
                UltraCacheProperties.fromSharedProperties(cacheName, stored.get(), classLoader);
        try {
            return open(cacheName, configuration, null, true);
        } catch (CacheException e) {
            if (e.getCause() instanceof StoreNotFoundException) {
                return null; // destroyed since its properties were read
            }
            throw e;
        }
    }

    /** A snapshot of the names of the caches this manager has open or lists in its properties. */
    @Override
    /**
     * {@inheritDoc}
     *
     * <p>The caches this manager has, those its properties list, and those other processes created
     * under this manager's namespace in its segment directory.
     */
    public Iterable<String> getCacheNames() {
        checkOpen();
        Set<String> names = new LinkedHashSet<>();
        caches.forEach((name, cache) -> {
            if (!cache.isDestroyed()) {
                names.add(name);
            }
        });
        names.addAll(settings.caches().keySet());
        // caches other processes created under this namespace
        names.addAll(io.ultracache.store.StoreDirectory.of(UltraCacheProperties.directory(settings)).storeNames(namespace));
        return Collections.unmodifiableSet(names);
    }

    @Override
    public void destroyCache(String cacheName) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        UltraCache<?, ?> cache;
        synchronized (this) {
            cache = caches.remove(cacheName);
            if (cache == null) {
                cache = discover(cacheName);
                if (cache != null) {
                    caches.remove(cacheName, cache);
                }
            }
        }
        if (cache != null) {
            cache.destroy();
        }
    }

    @Override
    public void enableManagement(String cacheName, boolean enabled) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        UltraCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setManagementEnabled(enabled);
        }
    }

    @Override
    public void enableStatistics(String cacheName, boolean enabled) {
        checkOpen();
        Objects.requireNonNull(cacheName, "cache name must not be null");
        UltraCache<?, ?> cache = caches.get(cacheName);
        if (cache != null) {
            cache.setStatisticsEnabled(enabled);
        }
    }

    /** Forgets a cache that was closed. */
    void cacheClosed(UltraCache<?, ?> cache) {
        caches.remove(cache.getName(), cache);
    }

    /** Closes every cache of this manager (other processes keep theirs) and releases it from the provider. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        for (UltraCache<?, ?> cache : caches.values()) {
            cache.close();
        }
        caches.clear();
        onClose.accept(this);
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("cache manager " + uri + " cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public String toString() {
        return "UltraCacheManager[" + uri + (closed ? ", closed" : "") + "]";
    }
}
