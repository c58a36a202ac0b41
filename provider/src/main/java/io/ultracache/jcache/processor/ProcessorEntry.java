package io.ultracache.jcache.processor;

import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/**
 * The entry an {@link EntryProcessor} works on. It records what the processor does; the cache
 * applies the net effect ({@link #action()}) once the processor has returned, so a processor that
 * throws changes nothing.
 */
public final class ProcessorEntry<K, V> implements MutableEntry<K, V> {
    private final K key;
    private final boolean existed;
    private final Function<K, V> loader;
    private final Consumer<V> valueCheck;
    private V value;
    private boolean exists;
    private EntryAction action = EntryAction.NONE;

    /**
     * @param key        the entry's key
     * @param value      its current value, or null if it has none
     * @param loader     loads a missing value on {@link #getValue()} (read-through), or null
     * @param valueCheck checks a value given to {@link #setValue} (type), throwing if it is not allowed
     */
    public ProcessorEntry(K key, V value, Function<K, V> loader, Consumer<V> valueCheck) {
        this.key = key;
        this.value = value;
        this.existed = value != null;
        this.exists = existed;
        this.loader = loader;
        this.valueCheck = valueCheck;
    }

    @Override
    public K getKey() {
        return key;
    }

    @Override
    public V getValue() {
        if (exists) {
            if (action == EntryAction.NONE) {
                action = EntryAction.READ;
            }
            return value;
        }
        if (loader != null && action == EntryAction.NONE) {
            V loaded = loader.apply(key);
            if (loaded != null) {
                value = loaded;
                exists = true;
                action = EntryAction.LOADED;
            }
        }
        return value;
    }

    @Override
    public boolean exists() {
        return exists;
    }

    @Override
    public void remove() {
        // removing what this processor created (or loaded) leaves things as they were
        action = existed || action == EntryAction.NONE || action == EntryAction.READ || action == EntryAction.REMOVED
                ? EntryAction.REMOVED : EntryAction.NONE;
        value = null;
        exists = false;
    }

    @Override
    public void setValue(V newValue) {
        Objects.requireNonNull(newValue, "an entry processor must not set a null value; use remove()");
        valueCheck.accept(newValue);
        value = newValue;
        exists = true;
        action = existed ? EntryAction.UPDATED : EntryAction.CREATED;
    }

    /** The net effect of the processor's calls. */
    public EntryAction action() {
        return action;
    }

    /** The value to store for {@link EntryAction#CREATED}, {@link EntryAction#UPDATED} or {@link EntryAction#LOADED}. */
    public V newValue() {
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
    public String toString() {
        return key + "=" + value + " (" + action + ")";
    }
}
