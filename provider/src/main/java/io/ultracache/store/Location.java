package io.ultracache.store;

/**
 * Where an entry's bytes are within one generation, as one long: a record offset in the stream
 * buffer, or (with {@link #DUMP_BIT}) an entry offset in the dump. Locations are only meaningful
 * together with their generation; bytes at a location never change.
 */
final class Location {
    static final long NONE = -1;
    static final long DUMP_BIT = 1L << 62;

    private Location() {
    }

    static long inStream(long recordOffset) {
        return recordOffset;
    }

    static long inDump(long entryOffset) {
        return entryOffset | DUMP_BIT;
    }

    static boolean isDump(long location) {
        return (location & DUMP_BIT) != 0;
    }

    static long offset(long location) {
        return location & ~DUMP_BIT;
    }
}
