package io.ultracache.benchmarks.subjects;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;

/**
 * UltraCache's engine, {@link SharedStore}, with its default configuration except that the last
 * process to close does not remove the segments: the cross-process harnesses load a store in one
 * process that exits before the others attach. {@link #destroy()} removes them.
 */
final class UltraCacheSubject implements CacheSubject {
    static final String NAMESPACE = "ultracache-benchmarks";

    private final SharedStore store;

    UltraCacheSubject(SubjectConfig config) {
        store = SharedStore.open(StoreConfig.builder(NAMESPACE, config.name())
                .directory(config.directory())
                .unlinkOnLastClose(false)
                .build());
    }

    @Override
    public Object get(String key) {
        return store.get(key);
    }

    @Override
    public void put(String key, Object value) {
        store.put(key, value, StoreEntry.ETERNAL);
    }

    @Override
    public void increment(String key) {
        store.update(tx -> {
            StoreEntry entry = tx.get(key);
            long current = entry == null ? 0 : (Long) entry.value();
            tx.put(key, current + 1, StoreEntry.ETERNAL);
            return null;
        });
    }

    @Override
    public void close() {
        store.close();
    }

    @Override
    public void destroy() {
        store.destroy();
    }
}
