package io.ultracache.examples.bucket4j;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.grid.jcache.Bucket4jJCache;
import io.ultracache.examples.support.CommandLoop;
import java.net.URI;
import java.time.Duration;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;

/**
 * One server instance of a rate-limited API, in its own JVM. Its rate limits live in a JCache cache
 * through Bucket4j's entry-processor-based {@code ProxyManager}: each {@code tryConsume} is one
 * {@code invoke} on the bucket's entry, which UltraCache runs under the cache's cross-process lock,
 * so all instances draw from one bucket.
 *
 * <pre>
 *   consume KEY N     N attempts to take one token; answers "admitted=A;rejected=R"
 *   available KEY     answers the bucket's available tokens
 * </pre>
 *
 * Usage: {@code RateLimitedNode CAPACITY} (the segment directory comes from the system property
 * {@code ultracache.directory}).
 */
public final class RateLimitedNode {
    static final URI MANAGER_URI = URI.create("ultracache:bucket4j-example");

    private final ProxyManager<String> buckets;
    private final BucketConfiguration configuration;

    private RateLimitedNode(Cache<String, byte[]> cache, long capacity) {
        this.buckets = Bucket4jJCache.entryProcessorBasedBuilder(cache).build();
        // CAPACITY tokens, and no new ones for an hour: the total admitted must be exactly CAPACITY
        this.configuration = BucketConfiguration.builder()
                .addLimit(limit -> limit.capacity(capacity).refillIntervally(capacity, Duration.ofHours(1)))
                .build();
    }

    public static void main(String[] args) throws Exception {
        long capacity = Long.parseLong(args[0]);
        CacheManager manager = Caching.getCachingProvider().getCacheManager(MANAGER_URI, RateLimitedNode.class.getClassLoader());
        try {
            // Bucket4j keeps each bucket's state as bytes; the first JVM creates the cache, the others attach
            Cache<String, byte[]> cache = manager.createCache("rate-limits",
                    new MutableConfiguration<String, byte[]>().setTypes(String.class, byte[].class));
            RateLimitedNode node = new RateLimitedNode(cache, capacity);
            CommandLoop.run("pid " + ProcessHandle.current().pid(), node::handle);
        } finally {
            manager.close();
        }
    }

    private String handle(String[] c) {
        Bucket bucket = buckets.builder().build(c[1], () -> configuration);
        switch (c[0]) {
            case "consume": {
                int attempts = Integer.parseInt(c[2]);
                int admitted = 0;
                for (int i = 0; i < attempts; i++) {
                    if (bucket.tryConsume(1)) {
                        admitted++;
                    }
                }
                return "admitted=" + admitted + ";rejected=" + (attempts - admitted);
            }
            case "available":
                return Long.toString(bucket.getAvailableTokens());
            default:
                throw new IllegalArgumentException("unknown command '" + c[0] + "'");
        }
    }
}
