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
    /** UltraCache's own JCache provider. */
    static final String ULTRACACHE_PROVIDER = "io.ultracache.jcache.spi.UltraCachingProvider";

    private final CachingProvider provider;
    private final CacheManager manager;
    private final Cache<String, Object> cache;

    private final boolean destroyOnClose;

    private JCacheSubject(String providerClass, SubjectConfig config, boolean storeByValue, Properties properties,
                          boolean destroyOnClose) {
        this.destroyOnClose = destroyOnClose;
        provider = Caching.getCachingProvider(providerClass);
        // the default URI: Ehcache reads any other URI as the address of an XML configuration
        manager = provider.getCacheManager(provider.getDefaultURI(), getClass().getClassLoader(), properties);
        MutableConfiguration<String, Object> configuration = new MutableConfiguration<String, Object>()
                .setStoreByValue(storeByValue)
                .setStatisticsEnabled(false)
                .setManagementEnabled(false);
        cache = manager.createCache(config.name(), configuration);
    }

    /** Caffeine's JCache module; by value it copies through its default copier (Java serialization; immutable types such as String are not copied). */
    static JCacheSubject caffeine(SubjectConfig config, boolean storeByValue) {
        return new JCacheSubject(CAFFEINE_PROVIDER, config, storeByValue, new Properties(), false);
    }

    /** Ehcache 3 through JCache, by value (its serializing copier), its heap tier unbounded by default. */
    static JCacheSubject ehcache(SubjectConfig config) {
        return new JCacheSubject(EHCACHE_PROVIDER, config, true, new Properties(), false);
    }

    /**
     * UltraCache through its own JCache provider, segments in the run's directory; by value, as
     * it always is. Single-process workloads only: the cache is destroyed when the subject closes.
     */
    static JCacheSubject ultraCache(SubjectConfig config) {
        Properties properties = new Properties();
        properties.setProperty("ultracache.directory", config.directory().toString());
        return new JCacheSubject(ULTRACACHE_PROVIDER, config, true, properties, true);
    }

    /** Whether a provider class is on the class path. */
    static boolean available(String providerClass) {
        try {
            Class.forName(providerClass, false, JCacheSubject.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
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
        if (destroyOnClose) {
            manager.destroyCache(cache.getName());
        }
        manager.close();
        provider.close();
    }
}
