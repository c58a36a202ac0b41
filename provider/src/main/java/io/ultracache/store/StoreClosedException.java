package io.ultracache.store;

/**
 * The store handle was closed, or the store was destroyed (by this or another process). Further
 * operations on this handle fail; open the store again to use it.
 */
public class StoreClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;
    private final boolean destroyed;

    public StoreClosedException(String message, boolean destroyed) {
        super(message);
        this.destroyed = destroyed;
    }

    /** Whether the store was destroyed (rather than this handle closed). */
    public boolean isDestroyed() {
        return destroyed;
    }
}
