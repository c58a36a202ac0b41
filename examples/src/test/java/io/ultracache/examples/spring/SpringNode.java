package io.ultracache.examples.spring;

import io.ultracache.examples.support.CommandLoop;
import java.math.BigDecimal;
import java.util.concurrent.Callable;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/**
 * One Spring application in its own JVM, with {@link SpringCacheConfig}. Commands (see
 * {@link CommandLoop}); each answer ends with {@code calls=N}, the calls of the method in this JVM
 * during the command:
 *
 * <pre>
 *   quote SYMBOL | reprice SYMBOL PRICE | evict SYMBOL | delisted SYMBOL | rate FROM TO | rating SYMBOL
 *   failing-loader KEY     Cache.get(KEY, loader) on the quotes cache with a loader that throws
 * </pre>
 */
public final class SpringNode {
    private final QuoteService service;
    private final CacheManager cacheManager;

    private SpringNode(AnnotationConfigApplicationContext context) {
        this.service = context.getBean(QuoteService.class);
        this.cacheManager = context.getBean(CacheManager.class);
    }

    public static void main(String[] args) throws Exception {
        try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext(SpringCacheConfig.class)) {
            SpringNode node = new SpringNode(context);
            CommandLoop.run("pid " + ProcessHandle.current().pid(), node::handle);
        }
    }

    private String handle(String[] c) throws Exception {
        switch (c[0]) {
            case "quote":
                return counted("quote", () -> describe(service.quote(c[1])));
            case "reprice":
                return counted("reprice", () -> describe(service.reprice(c[1], new BigDecimal(c[2]))));
            case "evict":
                return counted("evict", () -> {
                    service.evict(c[1]);
                    return "evicted";
                });
            case "delisted":
                // were the cached NullValue not resolved to Spring's singleton, the proxy would hand back a
                // NullValue object where a String is expected: a ClassCastException here
                return counted("delistingReason", () -> "reason=" + service.delistingReason(c[1]));
            case "rate":
                return counted("rate", () -> "rate=" + service.rate(c[1], c[2]));
            case "rating":
                return counted("rating", () -> "rating=" + service.rating(c[1]));
            case "failing-loader":
                return failingLoader(c[1]);
            default:
                throw new IllegalArgumentException("unknown command '" + c[0] + "'");
        }
    }

    private static String describe(Quote quote) {
        return "price=" + quote.price() + ";by=" + quote.computedBy();
    }

    private String counted(String method, Callable<String> call) throws Exception {
        int before = service.calls(method);
        String result = call.call();
        return result + ";calls=" + (service.calls(method) - before);
    }

    /** A value loader that fails: Spring reports it as a ValueRetrievalException, and nothing is stored. */
    private String failingLoader(String key) {
        Cache quotes = cacheManager.getCache("quotes");
        try {
            quotes.get(key, () -> {
                throw new IllegalStateException("no quote for " + key);
            });
            return "no exception";
        } catch (Cache.ValueRetrievalException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return "exception=" + e.getClass().getSimpleName() + ";root=" + root.getClass().getSimpleName() + ": "
                    + root.getMessage() + ";stored=" + (quotes.get(key) != null);
        }
    }
}
