package io.ultracache.jcache.management;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreCounter;

/** Reads the totals of {@link SharedCacheStatisticsMXBean} from the store's shared counters, on each call. */
public final class SharedCacheStatistics implements SharedCacheStatisticsMXBean {
    private final SharedStore store;

    public SharedCacheStatistics(SharedStore store) {
        this.store = store;
    }

    private long total(StoreCounter counter) {
        return store.counterTotals()[counter.ordinal()];
    }

    @Override
    public long getCacheHits() {
        return total(StoreCounter.HITS);
    }

    @Override
    public long getCacheMisses() {
        return total(StoreCounter.MISSES);
    }

    @Override
    public long getCacheGets() {
        long[] totals = store.counterTotals();
        return totals[StoreCounter.HITS.ordinal()] + totals[StoreCounter.MISSES.ordinal()];
    }

    @Override
    public long getCachePuts() {
        return total(StoreCounter.PUTS);
    }

    @Override
    public long getCacheRemovals() {
        return total(StoreCounter.REMOVALS);
    }

    @Override
    public long getCacheEvictions() {
        return total(StoreCounter.EVICTIONS);
    }

    @Override
    public float getCacheHitPercentage() {
        return CacheStatistics.percentage(getCacheHits(), getCacheGets());
    }

    @Override
    public float getCacheMissPercentage() {
        return CacheStatistics.percentage(getCacheMisses(), getCacheGets());
    }

    @Override
    public float getAverageGetTime() {
        return CacheStatistics.averageMicros(total(StoreCounter.GET_NANOS), getCacheGets());
    }

    @Override
    public float getAveragePutTime() {
        return CacheStatistics.averageMicros(total(StoreCounter.PUT_NANOS), getCachePuts());
    }

    @Override
    public float getAverageRemoveTime() {
        return CacheStatistics.averageMicros(total(StoreCounter.REMOVE_NANOS), getCacheRemovals());
    }

    @Override
    public long getAttachedProcesses() {
        return store.status().liveAttachments();
    }
}
