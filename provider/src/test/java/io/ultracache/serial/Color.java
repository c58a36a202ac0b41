package io.ultracache.serial;

/** A test enum, one of whose constants has a body (so its class is a subclass of Color). */
public enum Color {
    RED {
        @Override
        String hex() {
            return "#f00";
        }
    },
    GREEN,
    BLUE;

    String hex() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
