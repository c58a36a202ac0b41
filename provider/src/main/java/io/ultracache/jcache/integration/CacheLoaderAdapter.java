package io.ultracache.jcache.integration;

import java.util.Map;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheLoaderException;

/**
 * Calls a cache's {@link CacheLoader}, so that whatever it throws reaches the caller as a
 * {@link CacheLoaderException} with the original as its cause.
 */
public final class CacheLoaderAdapter<K, V> {
    private final CacheLoader<K, V> loader;

    public CacheLoaderAdapter(CacheLoader<K, V> loader) {
        this.loader = loader;
    }

    public CacheLoader<K, V> loader() {
        return loader;
    }

    /** The loaded value of {@code key}, or null if the loader has none. */
    public V load(K key) {
        try {
            return loader.load(key);
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("cache loader " + loader.getClass().getName() + " failed to load key "
                    + key + ": " + e, e);
        }
    }

    /** The loaded values of {@code keys}; keys the loader has no value for are absent or mapped to null. */
    public Map<K, V> loadAll(Iterable<? extends K> keys) {
        try {
            Map<K, V> loaded = loader.loadAll(keys);
            return loaded == null ? Map.of() : loaded;
        } catch (CacheLoaderException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheLoaderException("cache loader " + loader.getClass().getName() + " failed to load keys: " + e, e);
        }
    }
}
