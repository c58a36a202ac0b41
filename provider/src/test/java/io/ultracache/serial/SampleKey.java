package io.ultracache.serial;

import java.io.Serializable;
import java.util.Objects;

/** A small user key type of the kind JPA and Spring cache as keys: written by the fallback serializer. */
public final class SampleKey implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String region;
    private final long id;

    public SampleKey(String region, long id) {
        this.region = region;
        this.id = id;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SampleKey && ((SampleKey) o).region.equals(region) && ((SampleKey) o).id == id;
    }

    @Override
    public int hashCode() {
        return Objects.hash(region, id);
    }

    @Override
    public String toString() {
        return "SampleKey[" + region + ", " + id + "]";
    }
}
