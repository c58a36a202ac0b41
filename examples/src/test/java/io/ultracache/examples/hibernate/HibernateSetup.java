package io.ultracache.examples.hibernate;

import io.ultracache.jcache.spi.UltraCachingProvider;
import javax.cache.CacheManager;
import org.hibernate.SessionFactory;
import org.hibernate.cache.jcache.internal.JCacheRegionFactory;
import org.hibernate.cfg.Configuration;
import org.hibernate.engine.spi.SessionFactoryImplementor;

/** How an application turns UltraCache on as Hibernate's second-level cache: a handful of properties. */
final class HibernateSetup {
    /**
     * The properties file that lists the cache regions UltraCache creates: a class path resource
     * (or {@code classpath://name}), which Hibernate turns into the file's URL before it asks the
     * provider for a manager. Hibernate does not understand {@code classpath:name} (one colon, no
     * slashes), the form UltraCache itself also accepts.
     */
    static final String CACHE_URI = "hibernate-ultracache.properties";

    private HibernateSetup() {
    }

    /**
     * @param schema          {@code create} for the JVM that creates the tables, {@code none} for the others
     * @param cacheUri        {@code hibernate.javax.cache.uri}
     * @param missingCaches   {@code hibernate.javax.cache.missing_cache_strategy}: {@code fail} or {@code create}
     */
    static SessionFactory build(String jdbcUrl, String schema, String cacheUri, String missingCaches, Class<?>... entities) {
        Configuration configuration = new Configuration();
        for (Class<?> entity : entities) {
            configuration.addAnnotatedClass(entity);
        }
        return configuration
                .setProperty("hibernate.connection.url", jdbcUrl)
                .setProperty("hibernate.connection.username", "sa")
                .setProperty("hibernate.connection.password", "")
                .setProperty("hibernate.connection.pool_size", "2")
                .setProperty("hibernate.hbm2ddl.auto", schema)
                // the second-level cache: Hibernate's JCache integration, with UltraCache as the provider
                .setProperty("hibernate.cache.use_second_level_cache", "true")
                .setProperty("hibernate.cache.region.factory_class", "jcache")
                .setProperty("hibernate.javax.cache.provider", UltraCachingProvider.class.getName())
                .setProperty("hibernate.javax.cache.uri", cacheUri)
                .setProperty("hibernate.javax.cache.missing_cache_strategy", missingCaches)
                // counts cache hits, misses and puts, and the SQL statements prepared
                .setProperty("hibernate.generate_statistics", "true")
                .buildSessionFactory();
    }

    /** The JCache manager Hibernate opened for its regions. */
    static CacheManager cacheManager(SessionFactory sessionFactory) {
        return ((JCacheRegionFactory) sessionFactory.unwrap(SessionFactoryImplementor.class).getCache().getRegionFactory())
                .getCacheManager();
    }
}
