package io.ultracache.store;

/**
 * This process's configuration of a store differs from the one the store was created with (another
 * serializer, other key or value types, ...). The message lists each difference, both sides.
 */
public class StoreIncompatibleException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreIncompatibleException(String message) {
        super(message);
    }
}
