package io.ultracache.serial;

import java.io.Serializable;

/** A Serializable singleton that stays one through readResolve, as Spring's singletons must. */
public final class SampleSingleton implements Serializable {
    private static final long serialVersionUID = 1L;
    public static final SampleSingleton INSTANCE = new SampleSingleton();

    private SampleSingleton() {
    }

    private Object readResolve() {
        return INSTANCE;
    }
}
