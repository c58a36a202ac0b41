package io.ultracache.jcache.multiprocess;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.processor.EntryProcessor;

/**
 * A child process that uses UltraCache through the JCache API alone: the provider found by
 * {@code Caching}, its default cache manager (default URI; the segment directory comes from the
 * {@code ultracache.directory} system property the test sets). It runs commands read from stdin,
 * one per line, answering each with one line: {@code OK ...} or {@code ERR <exception>: <message>}.
 *
 * <pre>
 *   create NAME        createCache(NAME) with String keys and Long values (attaches if another process created it)
 *   find NAME          getCache(NAME, String, Long): OK found | OK missing
 *   put KEY N | get KEY | remove KEY | containsKey KEY
 *   incr KEY N         N increments of KEY, each one invoke() with a lambda entry processor
 *   createwith NAME POLICY MILLIS
 *                      createCache(NAME) with String keys, Long values, statistics on and the expiry
 *                      POLICY (created, accessed or modified) of MILLIS
 *   config             OK keyType valueType expiryPolicyClass durationMillis statisticsEnabled
 *   listen             registers a listener for every event type with old values; it prints
 *                      EVENT TYPE key old->value for each event, as it gets it
 *   stats              OK hits misses puts removals (this process's CacheStatisticsMXBean)
 *   shared             OK hits misses puts (the io.ultracache SharedCacheStatistics MBean)
 *   destroy NAME       the manager's destroyCache(NAME)
 *   names              OK the manager's cache names, sorted, comma-separated
 *   exit               closes the manager
 * </pre>
 */
public final class CacheWorker {
    private static final EntryProcessor<String, Long, Long> INCREMENT = (entry, args) -> {
        long next = (entry.exists() ? entry.getValue() : 0L) + 1;
        entry.setValue(next);
        return next;
    };

    /** Prints each event it gets as {@code EVENT TYPE key old->value}. */
    static final class PrintingListener implements javax.cache.event.CacheEntryCreatedListener<String, Long>,
            javax.cache.event.CacheEntryUpdatedListener<String, Long>, javax.cache.event.CacheEntryRemovedListener<String, Long>,
            javax.cache.event.CacheEntryExpiredListener<String, Long>, java.io.Serializable {
        private static final long serialVersionUID = 1L;

        private static void print(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            for (javax.cache.event.CacheEntryEvent<? extends String, ? extends Long> e : events) {
                System.out.println("EVENT " + e.getEventType() + " " + e.getKey() + " "
                        + (e.isOldValueAvailable() ? e.getOldValue() : "-") + "->" + e.getValue());
            }
        }

        @Override
        public void onCreated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            print(events);
        }

        @Override
        public void onUpdated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            print(events);
        }

        @Override
        public void onRemoved(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            print(events);
        }

        @Override
        public void onExpired(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
            print(events);
        }
    }

    private static javax.cache.management.CacheStatisticsMXBean statistics(CacheManager manager, String cacheName,
                                                                           String domain, String type) throws Exception {
        javax.management.ObjectName name = new javax.management.ObjectName(domain + ":type=" + type + ",CacheManager="
                + manager.getURI().toString().replaceAll(":|=|\n|,", ".") + ",Cache=" + cacheName);
        return javax.management.JMX.newMXBeanProxy(java.lang.management.ManagementFactory.getPlatformMBeanServer(), name,
                javax.cache.management.CacheStatisticsMXBean.class);
    }

    public static void main(String[] args) throws Exception {
        CacheManager manager = Caching.getCachingProvider().getCacheManager();
        Cache<String, Long> cache = null;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY " + ProcessHandle.current().pid() + " " + manager.getURI());
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.trim().split(" ");
                if (c[0].equals("exit")) {
                    break;
                }
                try {
                    switch (c[0]) {
                        case "create":
                            cache = manager.createCache(c[1], new MutableConfiguration<String, Long>()
                                    .setTypes(String.class, Long.class));
                            System.out.println("OK");
                            break;
                        case "find":
                            cache = manager.getCache(c[1], String.class, Long.class);
                            System.out.println(cache == null ? "OK missing" : "OK found");
                            break;
                        case "put":
                            cache.put(c[1], Long.parseLong(c[2]));
                            System.out.println("OK");
                            break;
                        case "get":
                            System.out.println("OK " + cache.get(c[1]));
                            break;
                        case "remove":
                            System.out.println("OK " + cache.remove(c[1]));
                            break;
                        case "containsKey":
                            System.out.println("OK " + cache.containsKey(c[1]));
                            break;
                        case "incr": {
                            int n = Integer.parseInt(c[2]);
                            for (int i = 0; i < n; i++) {
                                cache.invoke(c[1], INCREMENT);
                            }
                            System.out.println("OK");
                            break;
                        }
                        case "createwith": {
                            javax.cache.expiry.Duration d = new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.MILLISECONDS, Long.parseLong(c[3]));
                            javax.cache.configuration.Factory<javax.cache.expiry.ExpiryPolicy> policy;
                            switch (c[2]) {
                                case "created": policy = javax.cache.expiry.CreatedExpiryPolicy.factoryOf(d); break;
                                case "accessed": policy = javax.cache.expiry.AccessedExpiryPolicy.factoryOf(d); break;
                                default: policy = javax.cache.expiry.ModifiedExpiryPolicy.factoryOf(d); break;
                            }
                            cache = manager.createCache(c[1], new MutableConfiguration<String, Long>()
                                    .setTypes(String.class, Long.class).setStatisticsEnabled(true).setExpiryPolicyFactory(policy));
                            System.out.println("OK");
                            break;
                        }
                        case "config": {
                            javax.cache.configuration.CompleteConfiguration<String, Long> config =
                                    cache.getConfiguration(javax.cache.configuration.CompleteConfiguration.class);
                            javax.cache.expiry.ExpiryPolicy policy = config.getExpiryPolicyFactory().create();
                            javax.cache.expiry.Duration d = policy.getExpiryForCreation();
                            System.out.println("OK " + config.getKeyType().getSimpleName() + " " + config.getValueType().getSimpleName()
                                    + " " + policy.getClass().getSimpleName() + " " + (d.isEternal() ? "eternal" : d.getTimeUnit().toMillis(d.getDurationAmount()))
                                    + " " + config.isStatisticsEnabled());
                            break;
                        }
                        case "listen":
                            cache.registerCacheEntryListener(new javax.cache.configuration.MutableCacheEntryListenerConfiguration<String, Long>(
                                    javax.cache.configuration.FactoryBuilder.factoryOf(new PrintingListener()), null, true, false));
                            System.out.println("OK");
                            break;
                        case "stats": {
                            javax.cache.management.CacheStatisticsMXBean stats = statistics(manager, c.length > 1 ? c[1] : cache.getName(), "javax.cache", "CacheStatistics");
                            System.out.println("OK " + stats.getCacheHits() + " " + stats.getCacheMisses() + " " + stats.getCachePuts() + " " + stats.getCacheRemovals());
                            break;
                        }
                        case "shared": {
                            javax.management.MBeanServer server = java.lang.management.ManagementFactory.getPlatformMBeanServer();
                            javax.management.ObjectName name = new javax.management.ObjectName("io.ultracache:type=SharedCacheStatistics,CacheManager="
                                    + manager.getURI().toString().replaceAll(":|=|\n|,", ".") + ",Cache=" + cache.getName());
                            System.out.println("OK " + server.getAttribute(name, "CacheHits") + " " + server.getAttribute(name, "CacheMisses")
                                    + " " + server.getAttribute(name, "CachePuts"));
                            break;
                        }
                        case "destroy":
                            manager.destroyCache(c[1]);
                            System.out.println("OK");
                            break;
                        case "names": {
                            java.util.List<String> names = new java.util.ArrayList<>();
                            manager.getCacheNames().forEach(names::add);
                            java.util.Collections.sort(names);
                            System.out.println("OK " + String.join(",", names));
                            break;
                        }
                        default:
                            System.out.println("ERR unknown command " + c[0]);
                    }
                } catch (Exception e) {
                    System.out.println("ERR " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
            }
        } finally {
            manager.close();
        }
        System.out.println("CLOSED");
    }
}
