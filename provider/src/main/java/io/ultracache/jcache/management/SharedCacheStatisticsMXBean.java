package io.ultracache.jcache.management;

/**
 * The statistics of one cache summed over every process that used it with statistics enabled,
 * those attached now and those that closed or died: the same counts as JSR-107's
 * {@link javax.cache.management.CacheStatisticsMXBean}, across processes. Registered as
 * {@code io.ultracache:type=SharedCacheStatistics,CacheManager=<uri>,Cache=<name>} while statistics
 * are enabled. Average times are in microseconds.
 */
public interface SharedCacheStatisticsMXBean {
    long getCacheHits();

    long getCacheMisses();

    long getCacheGets();

    long getCachePuts();

    long getCacheRemovals();

    long getCacheEvictions();

    float getCacheHitPercentage();

    float getCacheMissPercentage();

    float getAverageGetTime();

    float getAveragePutTime();

    float getAverageRemoveTime();

    /** Live processes attached to the cache now. */
    long getAttachedProcesses();
}
