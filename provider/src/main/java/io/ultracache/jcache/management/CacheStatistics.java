package io.ultracache.jcache.management;

import java.util.concurrent.atomic.LongAdder;
import javax.cache.management.CacheStatisticsMXBean;

/**
 * The statistics of one cache in this process (JSR-107's {@link CacheStatisticsMXBean}): counts of
 * what this process did, not of other processes' operations. Counters are {@link LongAdder}s, so
 * recording from many threads does not contend. Percentages and averages are 0 when nothing was
 * counted; average times are in microseconds.
 */
public final class CacheStatistics implements CacheStatisticsMXBean {
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final LongAdder puts = new LongAdder();
    private final LongAdder removals = new LongAdder();
    private final LongAdder evictions = new LongAdder();
    private final LongAdder getNanos = new LongAdder();
    private final LongAdder putNanos = new LongAdder();
    private final LongAdder removeNanos = new LongAdder();

    public void recordHits(long count) {
        hits.add(count);
    }

    public void recordMisses(long count) {
        misses.add(count);
    }

    public void recordPuts(long count) {
        puts.add(count);
    }

    public void recordRemovals(long count) {
        removals.add(count);
    }

    public void recordGetTime(long nanos) {
        getNanos.add(nanos);
    }

    public void recordPutTime(long nanos) {
        putNanos.add(nanos);
    }

    public void recordRemoveTime(long nanos) {
        removeNanos.add(nanos);
    }

    @Override
    public void clear() {
        hits.reset();
        misses.reset();
        puts.reset();
        removals.reset();
        evictions.reset();
        getNanos.reset();
        putNanos.reset();
        removeNanos.reset();
    }

    @Override
    public long getCacheHits() {
        return hits.sum();
    }

    @Override
    public float getCacheHitPercentage() {
        return percentage(hits.sum(), getCacheGets());
    }

    @Override
    public long getCacheMisses() {
        return misses.sum();
    }

    @Override
    public float getCacheMissPercentage() {
        return percentage(misses.sum(), getCacheGets());
    }

    @Override
    public long getCacheGets() {
        return hits.sum() + misses.sum();
    }

    @Override
    public long getCachePuts() {
        return puts.sum();
    }

    @Override
    public long getCacheRemovals() {
        return removals.sum();
    }

    /** Always 0: UltraCache never evicts; entries leave only by removal or expiry. */
    @Override
    public long getCacheEvictions() {
        return evictions.sum();
    }

    @Override
    public float getAverageGetTime() {
        return averageMicros(getNanos.sum(), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return averageMicros(putNanos.sum(), puts.sum());
    }

    @Override
    public float getAverageRemoveTime() {
        return averageMicros(removeNanos.sum(), removals.sum());
    }

    private static float percentage(long part, long whole) {
        return whole == 0 ? 0f : (float) part * 100f / whole;
    }

    private static float averageMicros(long nanos, long count) {
        return count == 0 ? 0f : (nanos / 1000f) / count;
    }
}
