package io.ultracache.jcache.integration;

import java.util.Collection;
import javax.cache.Cache;
import javax.cache.integration.CacheWriter;
import javax.cache.integration.CacheWriterException;

/**
 * Calls a cache's {@link CacheWriter} (write-through), so that whatever it throws reaches the
 * caller as a {@link CacheWriterException} with the original as its cause. The cache calls it
 * under the store's cross-process lock, before it changes the entry, so a failed write leaves the
 * cache unchanged and processes see writes in the same order as the writer.
 */
public final class CacheWriterAdapter<K, V> {
    private final CacheWriter<K, V> writer;

    @SuppressWarnings("unchecked")
    public CacheWriterAdapter(CacheWriter<? super K, ? super V> writer) {
        // a writer of supertypes accepts entries of K and V; the cast only lets the entry collection through
        this.writer = (CacheWriter<K, V>) writer;
    }

    public CacheWriter<K, V> writer() {
        return writer;
    }

    public void write(Cache.Entry<? extends K, ? extends V> entry) {
        try {
            writer.write(entry);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("cache writer " + writer.getClass().getName() + " failed to write key "
                    + entry.getKey() + ": " + e, e);
        }
    }

    /**
     * Writes entries. When it throws, {@code entries} holds those that were not written (the
     * writer removes each one it wrote, as {@link CacheWriter#writeAll} requires).
     */
    public void writeAll(Collection<Cache.Entry<? extends K, ? extends V>> entries) {
        try {
            writer.writeAll(entries);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("cache writer " + writer.getClass().getName() + " failed to write "
                    + entries.size() + " entries: " + e, e);
        }
    }

    public void delete(Object key) {
        try {
            writer.delete(key);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("cache writer " + writer.getClass().getName() + " failed to delete key "
                    + key + ": " + e, e);
        }
    }

    /** Deletes keys. When it throws, {@code keys} holds those that were not deleted. */
    public void deleteAll(Collection<?> keys) {
        try {
            writer.deleteAll(keys);
        } catch (CacheWriterException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CacheWriterException("cache writer " + writer.getClass().getName() + " failed to delete "
                    + keys.size() + " keys: " + e, e);
        }
    }
}
