package io.ultracache.benchmarks.subjects;

import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;

/**
 * A peer measured through the standard JCache API, as an application would use it: its provider
 * chosen by class name, a {@link MutableConfiguration} with no expiry, no statistics, no
 * listeners, and store-by-value on or off.
 */
final class JCacheSubject implements CacheSubject {
    static final String CAFFEINE_PROVIDER = "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider";
    static final String EHCACHE_PROVIDER = "org.ehcache.jsr107.EhcacheCachingProvider";

    private final CachingProvider provider;
    private final CacheManager manager;
    private final Cache<String, Object> cache;

    private JCacheSubject(String providerClass, SubjectConfig config, boolean storeByValue) {
        provider = Caching.getCachingProvider(providerClass);
        // the default URI: Ehcache reads any other URI as the address of an XML configuration
        manager = provider.getCacheManager(provider.getDefaultURI(), getClass().getClassLoader(), new Properties());
        MutableConfiguration<String, Object> configuration = new MutableConfiguration<String, Object>()
                .setStoreByValue(storeByValue)
                .setStatisticsEnabled(false)
                .setManagementEnabled(false);
        cache = manager.createCache(config.name(), configuration);
    }

    /** Caffeine's JCache module; by value it copies through its default copier (Java serialization; immutable types such as String are not copied). */
    static JCacheSubject caffeine(SubjectConfig config, boolean storeByValue) {
        return new JCacheSubject(CAFFEINE_PROVIDER, config, storeByValue);
    }

    /** Ehcache 3 through JCache, by value (its serializing copier), its heap tier unbounded by default. */
    static JCacheSubject ehcache(SubjectConfig config) {
        return new JCacheSubject(EHCACHE_PROVIDER, config, true);
    }

    @Override
    public Object get(String key) {
        return cache.get(key);
    }

    @Override
    public void put(String key, Object value) {
        cache.put(key, value);
    }

    @Override
    public void close() {
        manager.close();
        provider.close();
    }
}
