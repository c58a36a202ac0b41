package io.ultracache.jcache;

import java.util.Objects;
import javax.cache.Cache;

/** An entry handed out by a cache's iterator, or to a cache writer: a key and a value, no more. */
public final class UltraCacheEntry<K, V> implements Cache.Entry<K, V> {
    private final K key;
    private final V value;

    public UltraCacheEntry(K key, V value) {
        this.key = key;
        this.value = value;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        return value;
    }

    @Override
    public <T> T unwrap(Class<T> clazz) {
        if (clazz.isInstance(this)) {
            return clazz.cast(this);
        }
        throw new IllegalArgumentException("an entry of UltraCache cannot be unwrapped to " + clazz.getName());
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof Cache.Entry)) {
            return false;
        }
        Cache.Entry<?, ?> that = (Cache.Entry<?, ?>) other;
        return Objects.equals(key, that.getKey()) && Objects.equals(value, that.getValue());
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(key) ^ Objects.hashCode(value);
    }

    @Override
    public String toString() {
        return key + "=" + value;
    }
}
