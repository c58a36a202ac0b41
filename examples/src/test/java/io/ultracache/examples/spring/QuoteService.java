package io.ultracache.examples.spring;

import java.math.BigDecimal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;

/**
 * A bean whose methods Spring caches in UltraCache caches. Each method counts its calls in this
 * JVM, so a test can tell a result served from the cache (possibly computed by another JVM) from
 * one computed here.
 */
public class QuoteService {
    private static final long PID = ProcessHandle.current().pid();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    /** How often a method ran in this JVM. */
    public int calls(String method) {
        return calls.computeIfAbsent(method, m -> new AtomicInteger()).get();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, m -> new AtomicInteger()).incrementAndGet();
    }

    @Cacheable("quotes")
    public Quote quote(String symbol) {
        count("quote");
        return new Quote(symbol, new BigDecimal("42.00"), PID);
    }

    /** Always runs, and puts its result in the cache under the same key as {@link #quote}. */
    @CachePut(cacheNames = "quotes", key = "#p0") // #p0: the first parameter (its name needs -parameters)
    public Quote reprice(String symbol, BigDecimal price) {
        count("reprice");
        return new Quote(symbol, price, PID);
    }

    @CacheEvict("quotes")
    public void evict(String symbol) {
        count("evict");
    }

    /**
     * Returns null, which Spring caches as its {@code NullValue} singleton and recognizes by
     * identity: a copy read back from shared memory must resolve to that singleton.
     */
    @Cacheable("delisted")
    public String delistingReason(String symbol) {
        count("delistingReason");
        return null;
    }

    /** Two parameters: Spring's key is a {@code SimpleKey}, which must serialize alike in every JVM. */
    @Cacheable("rates")
    public BigDecimal rate(String from, String to) {
        count("rate");
        return new BigDecimal("1.0825");
    }

    /**
     * {@code sync = true}: Spring calls {@code Cache.get(key, valueLoader)}, which its JCache adapter
     * runs as {@code invoke} with a processor that calls this method if the key is missing. UltraCache
     * runs it under the cache's cross-process lock, so concurrent callers in all JVMs compute it once.
     */
    @Cacheable(cacheNames = "ratings", sync = true)
    public String rating(String symbol) throws InterruptedException {
        count("rating");
        Thread.sleep(500); // slow, so that callers in other JVMs arrive while it runs
        return "AA (rated by pid " + PID + ")";
    }
}
