package io.ultracache.stream;

/**
 * Layout of one record in a stream buffer. Records follow each other from the start of the
 * record area; each starts on an 8-byte boundary.
 *
 * <pre>
 *   0               4               8       9      10              12
 *  +---------------+---------------+-------+------+---------------+---------------+
 *  |    length     |   checksum    | type  | flags|   (unused)    |  key length   |
 *  +---------------+---------------+-------+------+---------------+---------------+
 *  16                                              24
 *  +-----------------------------------------------+-------------------------------+
 *  |                   key hash                    |   expires at (epoch millis)   |
 *  +-----------------------------------------------+-------------------------------+
 *  32              36              40                              48
 *  +---------------+---------------+-------------------------------+----- ... --+-------+
 *  | value length  | key's Java    |  writer id                    | key, value | pad   |
 *  |               | hashCode      |                               |            |       |
 *  +---------------+---------------+-------------------------------+----- ... --+-------+
 * </pre>
 *
 * <ul>
 *   <li>{@code length}: bytes of the whole record with padding, a multiple of 8.</li>
 *   <li>{@code checksum}: CRC32C of bytes {@code [8, 48 + keyLength + valueLength)}.</li>
 *   <li>{@code type}: a {@link RecordType}; {@code flags}: {@link RecordType#FLAG_EXPIRED},
 *   {@link RecordType#FLAG_JAVA_HASH}.</li>
 *   <li>{@code key's Java hashCode}: set, with {@link RecordType#FLAG_JAVA_HASH}, for keys whose
 *   {@code hashCode} is the same in every JVM (strings, boxed numbers, UUIDs), so that readers can
 *   drop a process-local cached copy of the entry without decoding the key.</li>
 *   <li>{@code expires at}: absolute, so every process agrees; {@link #ETERNAL} for never.</li>
 *   <li>{@code writer id}: names the store handle that wrote the record (random per handle), so a
 *   handle following the stream for listeners can tell its own writes from other processes'.</li>
 *   <li>A TOUCH record's value is the 8-byte location of the value it keeps (see the store). A
 *   REMOVE with {@link RecordType#FLAG_EXPIRED} holds the removed value, for EXPIRED events.</li>
 * </ul>
 * A record is visible only once the published tail covers all of it, and it is never changed
 * afterwards.
 */
public final class RecordDescriptor {
    public static final int LENGTH_OFFSET = 0;
    public static final int CHECKSUM_OFFSET = 4;
    public static final int TYPE_OFFSET = 8;
    public static final int FLAGS_OFFSET = 9;
    public static final int KEY_LENGTH_OFFSET = 12;
    public static final int KEY_HASH_OFFSET = 16;
    public static final int EXPIRES_AT_OFFSET = 24;
    public static final int VALUE_LENGTH_OFFSET = 32;
    public static final int JAVA_HASH_OFFSET = 36;
    public static final int WRITER_OFFSET = 40;
    public static final int HEADER_LENGTH = 48;
    /** The checksum covers the record from here to the end of the value. */
    public static final int CHECKED_FROM = TYPE_OFFSET;
    public static final int ALIGNMENT = 8;

    /** Expiry of an entry that never expires. */
    public static final long ETERNAL = Long.MAX_VALUE;

    private RecordDescriptor() {
    }

    /** Length of a record with these key and value lengths, padding included. */
    public static long recordLength(int keyLength, int valueLength) {
        return align((long) HEADER_LENGTH + keyLength + valueLength);
    }

    public static long align(long length) {
        return (length + ALIGNMENT - 1) & -ALIGNMENT;
    }
}
