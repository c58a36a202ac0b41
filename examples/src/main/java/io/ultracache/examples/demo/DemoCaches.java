package io.ultracache.examples.demo;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.processor.EntryProcessor;
import javax.cache.processor.MutableEntry;

/** What every JVM of the demo agrees on: the cache manager's URI and the caches' names and types. */
final class DemoCaches {
    /**
     * Processes whose managers have the same URI (and segment directory) share caches by name. The
     * URI is only a name here; a {@code classpath:} or {@code file:} URI could name a properties file.
     */
    static final URI MANAGER_URI = URI.create("ultracache:demo");

    static final String ORDERS = "orders";
    static final String PRICES = "prices";
    static final String COUNTERS = "counters";
    static final String PAGE_VIEWS = "page-views";

    private DemoCaches() {
    }

    /**
     * Opens this JVM's cache manager through the plain JCache API. The segment directory is a
     * manager property, so that this run's caches live in a directory of their own.
     */
    static CacheManager openManager(Path directory) {
        Properties properties = new Properties();
        properties.setProperty("ultracache.directory", directory.toString());
        return Caching.getCachingProvider().getCacheManager(MANAGER_URI, DemoCaches.class.getClassLoader(), properties);
    }

    static Cache<String, Order> orders(CacheManager manager) {
        return require(manager.getCache(ORDERS, String.class, Order.class), ORDERS);
    }

    static Cache<String, BigDecimal> prices(CacheManager manager) {
        return require(manager.getCache(PRICES, String.class, BigDecimal.class), PRICES);
    }

    static Cache<String, Long> counters(CacheManager manager) {
        return require(manager.getCache(COUNTERS, String.class, Long.class), COUNTERS);
    }

    private static <C> C require(C cache, String name) {
        if (cache == null) {
            throw new IllegalStateException("cache '" + name + "' does not exist: the coordinator creates it first");
        }
        return cache;
    }

    /**
     * Adds one to a counter. {@code invoke} runs it in the calling JVM under the cache's
     * cross-process lock, so increments from all JVMs are never lost. It is never serialized.
     */
    static final class Increment implements EntryProcessor<String, Long, Long> {
        @Override
        public Long process(MutableEntry<String, Long> entry, Object... arguments) {
            long next = (entry.exists() ? entry.getValue() : 0L) + 1;
            entry.setValue(next);
            return next;
        }
    }
}
