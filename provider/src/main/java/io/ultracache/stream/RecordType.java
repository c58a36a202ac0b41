package io.ultracache.stream;

/** Kinds of stream record; the byte at {@link RecordDescriptor#TYPE_OFFSET}. */
public final class RecordType {
    /** Key now maps to the record's value, with the record's expiry. */
    public static final byte PUT = 1;
    /** Key is gone. */
    public static final byte REMOVE = 2;
    /** Every entry written before this record is gone. No key, no value. */
    public static final byte CLEAR = 3;
    /** Key keeps its value; its expiry becomes the record's. The value part holds the value's location. */
    public static final byte TOUCH = 4;

    /** Flag on REMOVE: the entry was removed because it had expired. */
    public static final byte FLAG_EXPIRED = 1;
    /** Flag: the record holds its key's Java hashCode (see {@link RecordDescriptor}). */
    public static final byte FLAG_JAVA_HASH = 2;

    private RecordType() {
    }

    public static boolean isValid(byte type) {
        return type >= PUT && type <= TOUCH;
    }

    public static String name(byte type) {
        switch (type) {
            case PUT: return "PUT";
            case REMOVE: return "REMOVE";
            case CLEAR: return "CLEAR";
            case TOUCH: return "TOUCH";
            default: return "UNKNOWN(" + type + ")";
        }
    }
}
