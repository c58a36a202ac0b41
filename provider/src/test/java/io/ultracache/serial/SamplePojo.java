package io.ultracache.serial;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** A small Serializable user type of a few fields, such as applications cache. */
public final class SamplePojo implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final int count;
    private final List<String> tags;
    private final Map<String, Long> totals;
    private final Instant updated;
    private final Color color;

    public SamplePojo(String name, int count, List<String> tags, Map<String, Long> totals, Instant updated, Color color) {
        this.name = name;
        this.count = count;
        this.tags = new ArrayList<>(tags);
        this.totals = new HashMap<>(totals);
        this.updated = updated;
        this.color = color;
    }

    /** A typical instance. */
    public static SamplePojo typical() {
        return new SamplePojo("order-17", 3, List.of("a", "b"), Map.of("net", 1200L, "tax", 240L),
                Instant.parse("2024-05-01T10:15:30Z"), Color.RED);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SamplePojo)) {
            return false;
        }
        SamplePojo p = (SamplePojo) o;
        return name.equals(p.name) && count == p.count && tags.equals(p.tags) && totals.equals(p.totals)
                && updated.equals(p.updated) && color == p.color;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, count, tags, totals, updated, color);
    }

    @Override
    public String toString() {
        return "SamplePojo[" + name + ", " + count + ", " + tags + ", " + totals + ", " + updated + ", " + color + "]";
    }
}
