package io.ultracache.benchmarks.serial;

import java.io.Serializable;
import java.util.Objects;

/** The small user type of the serializer benchmarks: Serializable, a few fields, as applications cache. */
public final class BenchPojo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long id;
    private final String name;
    private final int quantity;
    private final double price;
    private final boolean active;

    public BenchPojo(long id, String name, int quantity, double price, boolean active) {
        this.id = id;
        this.name = name;
        this.quantity = quantity;
        this.price = price;
        this.active = active;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof BenchPojo)) {
            return false;
        }
        BenchPojo p = (BenchPojo) o;
        return id == p.id && name.equals(p.name) && quantity == p.quantity && price == p.price && active == p.active;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, name, quantity, price, active);
    }
}
