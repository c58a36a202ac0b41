package io.ultracache.examples.spring;

import java.net.URI;
import java.util.Properties;
import javax.cache.Caching;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.jcache.JCacheCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring's cache abstraction on UltraCache: a JCache {@code CacheManager} from the provider, wrapped
 * in Spring's {@link JCacheCacheManager}. Every JVM asks for the same URI, so they share the caches.
 * The caches are listed in the manager's properties, so they exist when Spring looks them up
 * (Spring's JCache adapter does not create missing caches).
 */
@Configuration
@EnableCaching(proxyTargetClass = true)
public class SpringCacheConfig {
    static final URI MANAGER_URI = URI.create("ultracache:spring-example");

    @Bean(destroyMethod = "close")
    public javax.cache.CacheManager jcacheManager() {
        Properties properties = new Properties();
        properties.setProperty("ultracache.caches", "quotes,delisted,rates,ratings");
        // the segment directory: the system property ultracache.directory, which the test sets
        return Caching.getCachingProvider().getCacheManager(MANAGER_URI, getClass().getClassLoader(), properties);
    }

    @Bean
    public JCacheCacheManager cacheManager(javax.cache.CacheManager jcacheManager) {
        return new JCacheCacheManager(jcacheManager);
    }

    @Bean
    public QuoteService quoteService() {
        return new QuoteService();
    }
}
