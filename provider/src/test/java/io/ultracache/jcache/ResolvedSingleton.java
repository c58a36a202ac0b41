package io.ultracache.jcache;

import java.io.Serializable;

/** A serializable singleton, as Spring's NullValue: readResolve keeps it the one instance. */
public final class ResolvedSingleton implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final ResolvedSingleton INSTANCE = new ResolvedSingleton();

    private ResolvedSingleton() {
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
