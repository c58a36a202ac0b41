package io.ultracache.examples.hibernate;

import io.ultracache.examples.support.CommandLoop;
import java.math.BigDecimal;
import java.net.URI;
import java.util.function.Function;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;

/**
 * One application instance: its own Hibernate SessionFactory on the shared database, with UltraCache
 * as the second-level cache. Every instance's cache manager has the same URI, so they share the
 * region caches. Commands (see {@link CommandLoop}); entity answers are
 * {@code name=..;price=..;hits=..;misses=..;puts=..;queries=..}, counted for that command alone:
 *
 * <pre>
 *   seed                 stores products 1 and 2 and customer 1, then empties every cache region
 *   product ID           reads a product in a new session
 *   customer ID          reads a customer in a new session
 *   reprice ID PRICE     updates a product's price in a transaction
 *   evict ID             evicts a product from the second-level cache
 *   restart              closes the SessionFactory, checks that its caches and cache manager closed,
 *                        gets the manager again from the provider, and builds a new SessionFactory
 * </pre>
 *
 * Usage: {@code HibernateNode JDBC_URL create|none} (the segment directory comes from the system
 * property {@code ultracache.directory}).
 */
public final class HibernateNode {
    private final String jdbcUrl;
    private SessionFactory sessionFactory;

    private HibernateNode(String jdbcUrl, String schema) {
        this.jdbcUrl = jdbcUrl;
        this.sessionFactory = build(schema);
    }

    private SessionFactory build(String schemaAction) {
        return HibernateSetup.build(jdbcUrl, schemaAction, HibernateSetup.CACHE_URI, "create", Product.class, Customer.class);
    }

    public static void main(String[] args) throws Exception {
        java.util.logging.Logger.getLogger("org.hibernate").setLevel(java.util.logging.Level.WARNING);
        HibernateNode node = new HibernateNode(args[0], args[1]);
        try {
            CommandLoop.run("pid " + ProcessHandle.current().pid(), node::handle);
        } finally {
            node.sessionFactory.close();
        }
    }

    private String handle(String[] c) {
        switch (c[0]) {
            case "seed":
                inTransaction(session -> {
                    session.persist(new Product(1L, "coffee beans", new BigDecimal("12.50")));
                    session.persist(new Product(2L, "green tea", new BigDecimal("6.20")));
                    session.persist(new Customer(1L, "alice"));
                    return null;
                });
                sessionFactory.getCache().evictAllRegions(); // so that the first read is a miss
                return null;
            case "product":
                return counted(() -> describe(inTransaction(s -> s.find(Product.class, Long.valueOf(c[1])))));
            case "customer":
                return counted(() -> {
                    Customer customer = inTransaction(s -> s.find(Customer.class, Long.valueOf(c[1])));
                    return customer == null ? "name=null" : "name=" + customer.getName();
                });
            case "reprice":
                return counted(() -> {
                    inTransaction(s -> {
                        s.find(Product.class, Long.valueOf(c[1])).setPrice(new BigDecimal(c[2]));
                        return null;
                    });
                    return "repriced";
                });
            case "evict":
                sessionFactory.getCache().evictEntityData(Product.class, Long.valueOf(c[1]));
                return null;
            case "restart":
                return restart();
            default:
                throw new IllegalArgumentException("unknown command '" + c[0] + "'");
        }
    }

    private static String describe(Product product) {
        return product == null ? "name=null" : "name=" + product.getName() + ";price=" + product.getPrice();
    }

    private <T> T inTransaction(Function<Session, T> work) {
        return sessionFactory.fromTransaction(work);
    }

    /** Runs one command and appends the second-level cache and SQL counts it caused. */
    private String counted(java.util.function.Supplier<String> command) {
        Statistics statistics = sessionFactory.getStatistics();
        statistics.clear();
        String result = command.get();
        return result + ";hits=" + statistics.getSecondLevelCacheHitCount()
                + ";misses=" + statistics.getSecondLevelCacheMissCount()
                + ";puts=" + statistics.getSecondLevelCachePutCount()
                + ";queries=" + statistics.getPrepareStatementCount();
    }

    /**
     * Closing a SessionFactory closes its region caches, then its cache manager (Hibernate's JCache
     * integration does both); asking the provider again for the same URI must give an open manager,
     * on which a new SessionFactory works.
     */
    private String restart() {
        CacheManager manager = HibernateSetup.cacheManager(sessionFactory);
        Cache<Object, Object> products = manager.getCache("products");
        sessionFactory.close();
        boolean closedCache = products.isClosed();
        boolean closedManager = manager.isClosed();
        URI uri = manager.getURI();
        CacheManager again = Caching.getCachingProvider().getCacheManager(uri, manager.getClassLoader());
        boolean reopened = !again.isClosed() && again != manager;
        sessionFactory = build("none");
        boolean sameAsHibernate = HibernateSetup.cacheManager(sessionFactory) == again;
        return "cacheClosed=" + closedCache + ";managerClosed=" + closedManager + ";reopened=" + reopened
                + ";hibernateUsesIt=" + sameAsHibernate;
    }
}
