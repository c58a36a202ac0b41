package io.ultracache.store;

/** A store that was to be attached to, not created, does not exist. */
public class StoreNotFoundException extends StoreException {
    private static final long serialVersionUID = 1L;

    public StoreNotFoundException(String message) {
        super(message);
    }
}
