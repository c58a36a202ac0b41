package io.ultracache.stream;

import io.ultracache.shm.Segment;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentFormatException;

/**
 * The stream buffer of one generation: an append-only area of records (see
 * {@link RecordDescriptor}) written after that generation's dump.
 *
 * <pre>
 *   0                               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  |  magic "UCSTRM01"             | layout version| header crc    |
 *  +-------------------------------+---------------+---------------+
 *  16                              24                              32
 *  +-------------------------------+-------------------------------+
 *  |  incarnation                  |  generation                   |
 *  +-------------------------------+-------------------------------+
 *  32                              40                              48
 *  +-------------------------------+-------------------------------+
 *  |  capacity (record area bytes) |  sealed tail (-1 while open)  |
 *  +-------------------------------+-------------------------------+
 *  64
 *  +------------------------------------------------------- ... ---+
 *  |  records, from record offset 0 up to the published tail       |
 *  +------------------------------------------------------- ... ---+
 * </pre>
 *
 * The header checksum covers bytes 16 to 40. How far the records go is not stored here but in the
 * control segment's state word (generation and tail in one 64-bit word), so a reader learns both
 * with one load. When the writer starts the next generation it stores the final tail as the
 * sealed tail first, so a reader that still holds this generation can read it to its end.
 *
 * <p>Record offsets passed to the accessors are relative to the record area.
 */
public final class StreamBuffer implements AutoCloseable {
    public static final long MAGIC = SegmentHeader.magic("UCSTRM01");
    static final int INCARNATION_OFFSET = 16;
    static final int GENERATION_OFFSET = 24;
    static final int CAPACITY_OFFSET = 32;
    static final int SEALED_TAIL_OFFSET = 40;
    static final int CHECKED_END = 40;
    public static final int HEADER_LENGTH = 64;
    /** How far past the tail {@link #touchAhead} touches pages. */
    static final long TOUCH_AHEAD_BYTES = 64 * 1024;
    private static final long PAGE = 4096;

    private final Segment segment;
    private final String fileName;
    private final long capacity;
    /**
     * Record offset up to which this process touched the pages ({@link #touchAhead}). Read and
     * written without synchronization: a thread that sees an old value touches a page again, which
     * is harmless.
     */
    private long touchedTo;
    /** The sum of the words {@link #touchAhead} read; never used, only there to keep the loads. */
    @SuppressWarnings("unused")
    private long touchedSum;

    private StreamBuffer(Segment segment, String fileName, long capacity) {
        this.segment = segment;
        this.fileName = fileName;
        this.capacity = capacity;
    }

    /** Creates the stream buffer of a new generation (replacing a leftover of the same name). */
    public static StreamBuffer create(SegmentDirectory directory, String fileName, long incarnation, long generation, long capacity) {
        long recordArea = RecordDescriptor.align(capacity);
        Segment segment = directory.createReplacing(fileName, HEADER_LENGTH + recordArea);
        segment.putLong(INCARNATION_OFFSET, incarnation);
        segment.putLong(GENERATION_OFFSET, generation);
        segment.putLong(CAPACITY_OFFSET, recordArea);
        segment.putLong(SEALED_TAIL_OFFSET, -1);
        SegmentHeader.seal(segment, MAGIC, CHECKED_END);
        return new StreamBuffer(segment, fileName, recordArea);
    }

    /** Maps and checks the stream buffer of a published generation. */
    public static StreamBuffer open(SegmentDirectory directory, String fileName, long incarnation, long generation, boolean writable) {
        Segment segment = directory.open(fileName, writable);
        try {
            String what = "stream segment " + directory.resolve(fileName);
            SegmentHeader.verify(segment, MAGIC, CHECKED_END, what);
            long capacity = segment.getLong(CAPACITY_OFFSET);
            if (segment.getLong(INCARNATION_OFFSET) != incarnation || segment.getLong(GENERATION_OFFSET) != generation
                    || capacity < 0 || HEADER_LENGTH + capacity > segment.size()) {
                throw new SegmentFormatException(what + " does not belong to generation " + generation
                        + " of this cache or is truncated; it is damaged. Remove the cache's segments"
                        + " (ultracache unlink) once no process uses them");
            }
            return new StreamBuffer(segment, fileName, capacity);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    public String fileName() {
        return fileName;
    }

    public Segment segment() {
        return segment;
    }

    /** Bytes available for records. */
    public long capacity() {
        return capacity;
    }

    /** Absolute segment offset of a record offset. */
    public static long absolute(long recordOffset) {
        return HEADER_LENGTH + recordOffset;
    }

    /** Copies an encoded record to {@code recordOffset}. It stays invisible until the tail is published past it. */
    public void write(long recordOffset, byte[] record, int offset, int length) {
        segment.putBytes(absolute(recordOffset), record, offset, length);
    }

    /**
     * Touches the pages from {@code tail} to {@link #TOUCH_AHEAD_BYTES} past it, so that a writer
     * takes the page faults of its next appends before it takes the store's lock instead of while
     * holding it (a first touch of a page in a mapping costs microseconds, and every process pays
     * it for its own mapping). Each touch is a read: a read fault on a shared file mapping maps the
     * neighbouring pages that are already in memory too, up to 16 pages at a time ("fault-around"),
     * and maps them writable, while a write fault maps one page; measured here on 32 MiB of a new
     * stream file, reads took 14 ms and writes 85 ms. A read changes nothing, so it cannot disturb a
     * concurrent append.
     */
    public void touchAhead(long tail) {
        if (!needsTouchAhead(tail)) {
            return;
        }
        long end = Math.min(capacity, tail + TOUCH_AHEAD_BYTES);
        long from = Math.max(touchedTo, tail);
        long sum = 0;
        for (long page = absolute(from) & -PAGE; page < absolute(end); page += PAGE) {
            sum += segment.getLong(page);
        }
        touchedTo = end;
        touchedSum = sum; // kept, so the compiler cannot drop the loads as unused
    }

    /**
     * Whether {@link #touchAhead} would touch pages for appends at {@code tail}: only once less
     * than half of {@link #TOUCH_AHEAD_BYTES} ahead is touched, so pages are touched in batches and
     * most appends skip it. Reads no shared memory, so a caller may ask before it makes sure the
     * segment stays mapped.
     */
    public boolean needsTouchAhead(long tail) {
        return touchedTo < Math.min(capacity, tail + TOUCH_AHEAD_BYTES / 2);
    }

    public void seal(long tail) {
        segment.putLongRelease(SEALED_TAIL_OFFSET, tail);
    }

    /** The final tail once the next generation started, -1 before. */
    public long sealedTail() {
        return segment.getLongAcquire(SEALED_TAIL_OFFSET);
    }

    public int recordLength(long recordOffset) {
        return segment.getInt(absolute(recordOffset) + RecordDescriptor.LENGTH_OFFSET);
    }

    public int checksum(long recordOffset) {
        return segment.getInt(absolute(recordOffset) + RecordDescriptor.CHECKSUM_OFFSET);
    }

    public byte type(long recordOffset) {
        return segment.getByte(absolute(recordOffset) + RecordDescriptor.TYPE_OFFSET);
    }

    public byte flags(long recordOffset) {
        return segment.getByte(absolute(recordOffset) + RecordDescriptor.FLAGS_OFFSET);
    }

    public int keyLength(long recordOffset) {
        return segment.getInt(absolute(recordOffset) + RecordDescriptor.KEY_LENGTH_OFFSET);
    }

    public long keyHash(long recordOffset) {
        return segment.getLong(absolute(recordOffset) + RecordDescriptor.KEY_HASH_OFFSET);
    }

    public long expiresAt(long recordOffset) {
        return segment.getLong(absolute(recordOffset) + RecordDescriptor.EXPIRES_AT_OFFSET);
    }

    /** The key's Java hashCode, if the record's flags include {@link RecordType#FLAG_JAVA_HASH}. */
    public int javaHash(long recordOffset) {
        return segment.getInt(absolute(recordOffset) + RecordDescriptor.JAVA_HASH_OFFSET);
    }

    /** The handle that wrote the record (see {@link RecordDescriptor}). */
    public long writerId(long recordOffset) {
        return segment.getLong(absolute(recordOffset) + RecordDescriptor.WRITER_OFFSET);
    }

    public int valueLength(long recordOffset) {
        return segment.getInt(absolute(recordOffset) + RecordDescriptor.VALUE_LENGTH_OFFSET);
    }

    /** Absolute segment offset of a record's key bytes; the value follows them. */
    public static long keyAt(long recordOffset) {
        return absolute(recordOffset) + RecordDescriptor.HEADER_LENGTH;
    }

    /** The location a TOUCH record keeps (stored as its 8-byte value). */
    public long touchedLocation(long recordOffset) {
        return segment.getLong(keyAt(recordOffset) + keyLength(recordOffset));
    }

    public boolean keyEquals(long recordOffset, byte[] key, int keyOffset, int keyLength) {
        return keyLength(recordOffset) == keyLength
                && segment.bytesEqual(keyAt(recordOffset), key, keyOffset, keyLength);
    }

    /**
     * Checks that the record at {@code recordOffset} is well-formed and lies below {@code tail}.
     *
     * @throws SegmentFormatException if it is not: the stream was damaged
     */
    public void checkRecord(long recordOffset, long tail) {
        int length = recordLength(recordOffset);
        byte type = type(recordOffset);
        int keyLength = keyLength(recordOffset);
        int valueLength = valueLength(recordOffset);
        if (length < RecordDescriptor.HEADER_LENGTH || (length & (RecordDescriptor.ALIGNMENT - 1)) != 0
                || recordOffset + length > tail || !RecordType.isValid(type)
                || keyLength < 0 || valueLength < 0
                || (long) RecordDescriptor.HEADER_LENGTH + keyLength + valueLength > length) {
            throw new SegmentFormatException("stream segment " + fileName + " has a damaged record at offset "
                    + recordOffset + " (length " + length + ", type " + type + ", key " + keyLength
                    + " bytes, value " + valueLength + " bytes, published tail " + tail + "). The cache's"
                    + " shared segments are damaged: remove them (ultracache unlink) once no process uses them");
        }
    }

    /**
     * Copies the checked part of a record (from {@link RecordDescriptor#CHECKED_FROM} to the end of
     * its value) into {@code dst} and verifies its checksum.
     *
     * @return the number of bytes copied
     * @throws SegmentFormatException if the checksum does not match
     */
    public int copyVerified(long recordOffset, byte[] dst, Checksum checksum) {
        int checked = RecordDescriptor.HEADER_LENGTH - RecordDescriptor.CHECKED_FROM
                + keyLength(recordOffset) + valueLength(recordOffset);
        segment.getBytes(absolute(recordOffset) + RecordDescriptor.CHECKED_FROM, dst, 0, checked);
        int actual = checksum.of(dst, 0, checked);
        if (actual != checksum(recordOffset)) {
            throw new SegmentFormatException("stream segment " + fileName + ": the record at offset " + recordOffset
                    + " fails its checksum; the cache's shared segments are damaged. Remove them"
                    + " (ultracache unlink) once no process uses them");
        }
        return checked;
    }

    /** Checks a record's checksum (allocates: for rare paths). */
    public void verify(long recordOffset) {
        int checked = RecordDescriptor.HEADER_LENGTH - RecordDescriptor.CHECKED_FROM
                + keyLength(recordOffset) + valueLength(recordOffset);
        copyVerified(recordOffset, new byte[checked], new Checksum());
    }

    @Override
    public void close() {
        segment.close();
    }

    /** Unmaps now; only once no thread will read this stream again (see {@link Segment#release()}). */
    public void release() {
        segment.release();
    }
}
