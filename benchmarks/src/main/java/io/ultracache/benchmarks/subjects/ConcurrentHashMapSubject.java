package io.ultracache.benchmarks.subjects;

import java.util.concurrent.ConcurrentHashMap;

/** The in-process limit: a plain ConcurrentHashMap holding references. */
final class ConcurrentHashMapSubject implements CacheSubject {
    private final ConcurrentHashMap<String, Object> map;

    ConcurrentHashMapSubject(SubjectConfig config) {
        map = new ConcurrentHashMap<>(Math.max(16, config.entries() * 2));
    }

    @Override
    public Object get(String key) {
        return map.get(key);
    }

    @Override
    public void put(String key, Object value) {
        map.put(key, value);
    }

    @Override
    public void increment(String key) {
        map.merge(key, 1L, (a, b) -> (Long) a + (Long) b);
    }

    @Override
    public void close() {
        map.clear();
    }
}
