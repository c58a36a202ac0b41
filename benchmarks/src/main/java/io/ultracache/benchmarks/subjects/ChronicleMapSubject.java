package io.ultracache.benchmarks.subjects;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Chronicle Map persisted to a file in this run's /dev/shm directory, so that every process that
 * opens the same file shares the same off-heap entries. Sized for the workload's entry count
 * with the workload's own key and value samples, as Chronicle Map requires.
 */
final class ChronicleMapSubject implements CacheSubject {
    private final ChronicleMap<String, Object> map;
    private final File file;

    @SuppressWarnings("unchecked")
    ChronicleMapSubject(SubjectConfig config) {
        file = config.directory().resolve(config.name() + ".chronicle").toFile();
        ChronicleMapBuilder<String, Object> builder = ChronicleMapBuilder.of(String.class, (Class<Object>) config.values().type())
                .name(config.name())
                .entries(Math.max(1_000, config.entries()))
                .averageKey(Keys.SAMPLE);
        if (config.values() != ValueKind.LONG) {
            builder.averageValue(config.values().sample(0)); // Long is constant-sized
        }
        try {
            map = builder.createPersistedTo(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create Chronicle Map file " + file, e);
        }
    }

    @Override
    public Object get(String key) {
        return map.get(key);
    }

    @Override
    public void put(String key, Object value) {
        map.put(key, value);
    }

    /** Chronicle Map runs {@code compute} under the segment's write lock, which lives in the shared file. */
    @Override
    public void increment(String key) {
        map.compute(key, (k, v) -> v == null ? 1L : (Long) v + 1L);
    }

    @Override
    public void close() {
        map.close();
    }

    @Override
    public void destroy() {
        map.close();
        if (!file.delete() && file.exists()) {
            throw new IllegalStateException("cannot remove " + file);
        }
    }
}
