package io.ultracache.benchmarks.multiprocess;

import io.ultracache.jcache.spi.UltraCachingProvider;
import java.util.Arrays;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.Factory;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.event.CacheEntryEvent;
import javax.cache.event.CacheEntryListener;
import javax.cache.event.CacheEntryUpdatedListener;
import javax.cache.spi.CachingProvider;

/**
 * JVM B of the listener-delay measurement: registers a synchronous JCache entry listener on an
 * UltraCache cache that a {@link VisibilityWriter} JVM writes {@code System.nanoTime()} stamps
 * into, and records, for each event, now minus the stamp: the time from the start of a put in JVM
 * A to the callback in JVM B. Other processes' events reach a listener through the cache's change
 * feed, a background thread that runs while listeners are registered.
 * <p>Arguments: DIR NAME MAX_SAMPLES TIMEOUT_SECONDS. Reports
 * {@code RESULT count p50 p90 p99 p999 max} in nanoseconds.
 */
public final class ListenerDelayReader {
    private ListenerDelayReader() {
    }

    /** Records the delay of every event after the writer's warm-up marker; counts down at the end marker. */
    static final class StampListener implements CacheEntryCreatedListener<String, Object>, CacheEntryUpdatedListener<String, Object> {
        private final long[] delays;
        private final CountDownLatch done = new CountDownLatch(1);
        private boolean measuring;
        private int count;

        StampListener(int maxSamples) {
            delays = new long[maxSamples];
        }

        @Override
        public void onCreated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
            record(events);
        }

        @Override
        public void onUpdated(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
            record(events);
        }

        private synchronized void record(Iterable<CacheEntryEvent<? extends String, ? extends Object>> events) {
            for (CacheEntryEvent<? extends String, ? extends Object> event : events) {
                long now = System.nanoTime();
                long stamp = (Long) event.getValue();
                if (stamp == VisibilityWriter.DONE) {
                    done.countDown();
                } else if (stamp == VisibilityWriter.MEASURE) {
                    measuring = true;
                } else if (measuring && count < delays.length) {
                    delays[count++] = now - stamp;
                }
            }
        }

        synchronized long[] sortedDelays() {
            long[] sorted = Arrays.copyOf(delays, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    public static void main(String[] args) throws InterruptedException {
        StampListener listener = new StampListener(Integer.parseInt(args[2]));
        CachingProvider provider = Caching.getCachingProvider(UltraCachingProvider.class.getName());
        Properties properties = new Properties();
        properties.setProperty("ultracache.directory", args[0]);
        CacheManager manager = provider.getCacheManager(provider.getDefaultURI(), ListenerDelayReader.class.getClassLoader(), properties);
        try {
            // the configuration the writer's JCache subject creates the cache with, so either may create it
            Cache<String, Object> cache = manager.createCache(args[1], new MutableConfiguration<String, Object>()
                    .setStoreByValue(true).setStatisticsEnabled(false).setManagementEnabled(false));
            Factory<CacheEntryListener<String, Object>> factory = () -> listener;
            cache.registerCacheEntryListener(new MutableCacheEntryListenerConfiguration<>(factory, null, false, true));
            WorkerIo.report("READY");
            if (!listener.done.await(Long.parseLong(args[3]), TimeUnit.SECONDS)) {
                throw new IllegalStateException("the writer's end marker did not arrive before the deadline; "
                        + listener.sortedDelays().length + " samples");
            }
        } finally {
            manager.close();
        }
        long[] sorted = listener.sortedDelays();
        WorkerIo.report("RESULT " + sorted.length + " " + VisibilityReader.percentile(sorted, 0.50) + " "
                + VisibilityReader.percentile(sorted, 0.90) + " " + VisibilityReader.percentile(sorted, 0.99) + " "
                + VisibilityReader.percentile(sorted, 0.999) + " " + (sorted.length == 0 ? 0 : sorted[sorted.length - 1]));
    }
}
