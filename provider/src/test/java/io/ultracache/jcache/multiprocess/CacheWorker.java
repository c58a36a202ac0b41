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
 *   exit               closes the manager
 * </pre>
 */
public final class CacheWorker {
    private static final EntryProcessor<String, Long, Long> INCREMENT = (entry, args) -> {
        long next = (entry.exists() ? entry.getValue() : 0L) + 1;
        entry.setValue(next);
        return next;
    };

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
