package io.ultracache.stream;

import io.ultracache.serial.ByteSink;

/**
 * Builds one record (see {@link RecordDescriptor}) in a reusable buffer: the serializer writes
 * the key and then the value straight into place after the header, so a record costs no copy
 * until it is copied once into the stream. The key bytes stay at {@link #KEY_OFFSET} and serve
 * for lookups before the record is finished. One builder per thread; not thread-safe.
 */
public final class RecordBuilder {
    public static final int KEY_OFFSET = RecordDescriptor.HEADER_LENGTH;
    private static final byte[] PADDING = new byte[RecordDescriptor.ALIGNMENT];

    private final ByteSink sink = new ByteSink(256);
    private int keyLength;
    private long keyHash;
    private boolean hasJavaHash;
    private int javaHash;
    private long writerId;
    private int valueLength;
    private int length;

    /**
     * Starts a record written by {@code writerId}; write the key's serialized form into the
     * returned sink, then call {@link #endKey}.
     */
    public ByteSink beginKey(long writerId) {
        this.writerId = writerId;
        sink.reset();
        sink.reserve(KEY_OFFSET); // the header is written by finish()
        length = 0;
        hasJavaHash = false;
        return sink;
    }

    /** Ends the key: computes its hash. The value, if any, is written into the same sink next. */
    public void endKey() {
        keyLength = sink.length() - KEY_OFFSET;
        keyHash = KeyHash.hash(sink.array(), KEY_OFFSET, keyLength);
    }

    /** The sink positioned after the key, for writing the value. */
    public ByteSink valueSink() {
        return rewindToKeyEnd();
    }

    /** Records the key's Java hashCode, for a key whose hashCode is the same in every JVM. */
    public void keyJavaHash(int hash) {
        hasJavaHash = true;
        javaHash = hash;
    }

    /** Whether the key's Java hashCode was recorded (see {@link #keyJavaHash}). */
    public boolean hasJavaHash() {
        return hasJavaHash;
    }

    public int javaHash() {
        return javaHash;
    }

    /** Drops whatever followed the key, so the key can start another record. */
    public ByteSink rewindToKeyEnd() {
        sink.truncate(KEY_OFFSET + keyLength);
        length = 0;
        return sink;
    }

    /** Finishes a record whose value (possibly empty) was written after the key. */
    public void finish(byte type, byte flags, long expiresAt, Checksum checksum) {
        valueLength = sink.length() - KEY_OFFSET - keyLength;
        int unpadded = sink.length();
        int padded = (int) RecordDescriptor.align(unpadded);
        sink.writeBytes(PADDING, 0, padded - unpadded);
        byte[] b = sink.array();
        Bytes.putInt(b, RecordDescriptor.LENGTH_OFFSET, padded);
        Bytes.putLong(b, RecordDescriptor.TYPE_OFFSET, 0); // type, flags and the unused bytes after them
        b[RecordDescriptor.TYPE_OFFSET] = type;
        b[RecordDescriptor.FLAGS_OFFSET] = (byte) (hasJavaHash ? flags | RecordType.FLAG_JAVA_HASH : flags);
        Bytes.putInt(b, RecordDescriptor.KEY_LENGTH_OFFSET, keyLength);
        Bytes.putLong(b, RecordDescriptor.KEY_HASH_OFFSET, keyHash);
        Bytes.putLong(b, RecordDescriptor.EXPIRES_AT_OFFSET, expiresAt);
        Bytes.putInt(b, RecordDescriptor.VALUE_LENGTH_OFFSET, valueLength);
        Bytes.putInt(b, RecordDescriptor.JAVA_HASH_OFFSET, hasJavaHash ? javaHash : 0);
        Bytes.putLong(b, RecordDescriptor.WRITER_OFFSET, writerId);
        Bytes.putInt(b, RecordDescriptor.CHECKSUM_OFFSET,
                checksum.of(b, RecordDescriptor.CHECKED_FROM, unpadded - RecordDescriptor.CHECKED_FROM));
        length = padded;
    }

    /** Finishes a TOUCH record that keeps the value at {@code valueLocation}. */
    public void finishTouch(long expiresAt, long valueLocation, Checksum checksum) {
        rewindToKeyEnd().writeLong(valueLocation);
        finish(RecordType.TOUCH, (byte) 0, expiresAt, checksum);
    }

    public byte[] array() {
        return sink.array();
    }

    /** Gives back a buffer that grew past {@code maxRetained} bytes for a large record. */
    public void trim(int maxRetained) {
        sink.trim(maxRetained);
    }

    /** Length of the finished record, padding included. */
    public int length() {
        return length;
    }

    public int keyLength() {
        return keyLength;
    }

    public long keyHash() {
        return keyHash;
    }

    public int valueLength() {
        return valueLength;
    }

    /** Offset of the value bytes in {@link #array()}. */
    public int valueOffset() {
        return KEY_OFFSET + keyLength;
    }

    public byte type() {
        return sink.array()[RecordDescriptor.TYPE_OFFSET];
    }

    public long expiresAt() {
        return Bytes.getLong(sink.array(), RecordDescriptor.EXPIRES_AT_OFFSET);
    }
}
