package io.ultracache.jcache;

import java.io.Serializable;

/** A value class that {@link ClassLoaderTest} loads a second time, in a class loader of its own. */
public final class LoaderScopedValue implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String text;

    public LoaderScopedValue(String text) {
        this.text = text;
    }

    @Override
    public String toString() {
        return text;
    }
}
