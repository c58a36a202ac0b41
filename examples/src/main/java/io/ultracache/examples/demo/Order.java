package io.ultracache.examples.demo;

import java.io.Serializable;

/**
 * An order, as the demo keeps it in the shared {@code orders} cache. It is {@link Serializable}
 * because UltraCache stores by value: each JVM gets its own copy, decoded from shared memory.
 */
public record Order(String id, String customer, String item, int quantity) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Order {
        if (quantity <= 0) {
            throw new IllegalArgumentException("order " + id + ": quantity must be positive, not " + quantity);
        }
    }
}
