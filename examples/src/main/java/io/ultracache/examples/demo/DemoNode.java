package io.ultracache.examples.demo;

import io.ultracache.examples.support.CommandLoop;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.cache.Cache;
import javax.cache.CacheManager;

/**
 * One JVM of the demo, started by {@link SharedCacheDemo}: it opens the same caches as every other
 * JVM of the run, through the plain JCache API, and does what the coordinator asks, one command per
 * line on stdin, printing what it does and sees with its pid.
 *
 * <pre>
 *   write                    puts the demo's orders and their prices; answers how many
 *   read                     prints every order with its price; answers "ids=...;coffee-beans=PRICE"
 *   cancel ID                removes an order; answers whether it was there
 *   reprice ITEM OLD NEW     replace(ITEM, OLD, NEW): changes the price only if it still is OLD
 *   count KEY N              N increments of a counter, each one invoke(); answers the last value seen
 * </pre>
 *
 * Usage: {@code DemoNode LABEL DIRECTORY}.
 */
public final class DemoNode {
    /** The orders jvm-1 writes, and the price of each item. */
    static final Map<String, Order> ORDERS = Map.of(
            "order-1", new Order("order-1", "alice", "coffee-beans", 2),
            "order-2", new Order("order-2", "bob", "green-tea", 1),
            "order-3", new Order("order-3", "carol", "dark-chocolate", 3),
            "order-4", new Order("order-4", "dave", "oat-milk", 6),
            "order-5", new Order("order-5", "erin", "croissant", 4));
    static final Map<String, BigDecimal> PRICES = Map.of(
            "coffee-beans", new BigDecimal("12.50"),
            "green-tea", new BigDecimal("6.20"),
            "dark-chocolate", new BigDecimal("3.80"),
            "oat-milk", new BigDecimal("2.40"),
            "croissant", new BigDecimal("1.95"));

    private final String prefix;
    private final Cache<String, Order> orders;
    private final Cache<String, BigDecimal> prices;
    private final Cache<String, Long> counters;

    private DemoNode(String label, CacheManager manager) {
        this.prefix = String.format("[%-5s pid %d] ", label, ProcessHandle.current().pid());
        this.orders = DemoCaches.orders(manager);
        this.prices = DemoCaches.prices(manager);
        this.counters = DemoCaches.counters(manager);
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DemoNode LABEL DIRECTORY (started by SharedCacheDemo)");
            System.exit(2);
        }
        String label = args[0];
        CacheManager manager = DemoCaches.openManager(Path.of(args[1]));
        try {
            DemoNode node = new DemoNode(label, manager);
            node.say("attached to the caches of " + manager.getURI());
            CommandLoop.run(label, node::handle);
        } finally {
            manager.close(); // detaches; the last JVM to close a cache removes its segments
        }
    }

    private void say(String text) {
        System.out.println(prefix + text);
    }

    private String handle(String[] c) {
        switch (c[0]) {
            case "write":
                return write();
            case "read":
                return read();
            case "cancel":
                return cancel(c[1]);
            case "reprice":
                return reprice(c[1], new BigDecimal(c[2]), new BigDecimal(c[3]));
            case "count":
                return count(c[1], Integer.parseInt(c[2]));
            default:
                throw new IllegalArgumentException("unknown command '" + c[0] + "'");
        }
    }

    private String write() {
        for (Order order : new TreeMap<>(ORDERS).values()) {
            orders.put(order.id(), order);
            say("put " + order.id() + ": " + order.customer() + " orders " + order.quantity() + " x " + order.item());
        }
        PRICES.forEach(prices::put);
        say("put " + PRICES.size() + " prices");
        return Integer.toString(ORDERS.size());
    }

    private String read() {
        // iterating a cache visits what every JVM wrote: the entries live in shared memory
        Map<String, Order> seen = new TreeMap<>();
        for (Cache.Entry<String, Order> entry : orders) {
            seen.put(entry.getKey(), entry.getValue());
        }
        for (Order order : seen.values()) {
            BigDecimal price = prices.get(order.item());
            String total = price == null ? "no price" : "= " + price.multiply(BigDecimal.valueOf(order.quantity()))
                    .setScale(2, RoundingMode.UNNECESSARY);
            say("sees " + order.id() + ": " + order.customer() + ", " + order.quantity() + " x " + order.item() + " at "
                    + price + " " + total);
        }
        say("sees " + seen.size() + " orders");
        return "ids=" + String.join(",", seen.keySet()) + ";coffee-beans=" + prices.get("coffee-beans");
    }

    private String cancel(String id) {
        boolean removed = orders.remove(id);
        say(removed ? "cancelled " + id + " (removed it from the cache)" : id + " was not there to cancel");
        return Boolean.toString(removed);
    }

    private String reprice(String item, BigDecimal expected, BigDecimal price) {
        // atomic across JVMs: changes the price only if no one changed it since it was read
        boolean replaced = prices.replace(item, expected, price);
        say(replaced ? "repriced " + item + " from " + expected + " to " + price
                : "did not reprice " + item + ": its price is no longer " + expected);
        return Boolean.toString(replaced);
    }

    private String count(String key, int times) {
        DemoCaches.Increment increment = new DemoCaches.Increment();
        long start = System.nanoTime();
        long last = 0;
        for (int i = 0; i < times; i++) {
            last = counters.invoke(key, increment);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        say("incremented " + key + " " + times + " times with invoke() in " + millis + " ms; last value it saw: " + last);
        return Long.toString(last);
    }

    /** For the coordinator's checks: the ids and coffee price a {@code read} answer names. */
    static Map<String, String> parseRead(String answer) {
        return java.util.Arrays.stream(answer.split(";"))
                .map(part -> part.split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : ""));
    }
}
