package io.ultracache.stream;

import io.ultracache.shm.Segment;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentFormatException;

/**
 * A dump: every live entry of a cache at the moment a generation began, laid out as an
 * open-addressing hash table that readers search in place. Written once by {@link DumpWriter},
 * never changed after it is published.
 *
 * <pre>
 *   0                               8               12              16
 *  +-------------------------------+---------------+---------------+
 *  |  magic "UCDUMP01"             | layout version| header crc    |
 *  +-------------------------------+---------------+---------------+
 *  16  incarnation          24  generation          32  entry count
 *  40  slot count (2^n)     48  entries offset      56  entries length
 *  64  carried entry offset (0 if none)             72 .. 128 unused
 *  +---------------------------------------------------------------+
 *  128
 *  +---------------+---------------+---------------+------- ... ---+
 *  |    slot 0     |    slot 1     |    slot 2     |               |   slot count x 8 bytes
 *  +---------------+---------------+---------------+------- ... ---+
 *  entries offset
 *  +---------------------------------------------------------- ... +
 *  |  entry, entry, ...  (each 8-byte aligned)                     |
 *  +---------------------------------------------------------- ... +
 *
 *  slot:  63            32 31             0        0 = empty
 *        +----------------+----------------+
 *        |   hash tag     | entry offset/8 |
 *        +----------------+----------------+
 *
 *  entry:
 *   0               4               8               12              16
 *  +---------------+---------------+---------------+---------------+
 *  |    length     |   checksum    |  key length   | value length  |
 *  +---------------+---------------+---------------+---------------+
 *  16                              24                              32
 *  +-------------------------------+-------------------------------+
 *  |  key hash                     |  expires at (epoch millis)    |
 *  +-------------------------------+-------------------------------+
 *  32                              40
 *  +-------------------------------+--------- ... --+-----+
 *  |  origin                       | key | value     | pad |
 *  +-------------------------------+--------- ... --+-----+
 * </pre>
 *
 * The origin names the write that produced the value: {@code generation << 32 | record offset}
 * of its PUT record, kept unchanged as the entry is copied from dump to dump. Processes key their
 * decoded values by it, so a value decoded once stays valid across dumps.
 *
 * The header checksum covers bytes 16 to 72; an entry's checksum (CRC32C) covers its bytes from
 * offset 8 to the end of its value. The slot table is at most half full, so a probe for a missing
 * key ends at an empty slot after a step or two. The carried entry is the one written by the
 * write that began this generation, when it was too large for any stream buffer.
 */
public final class DumpSegment implements AutoCloseable {
    public static final long MAGIC = SegmentHeader.magic("UCDUMP01");
    static final int INCARNATION_OFFSET = 16;
    static final int GENERATION_OFFSET = 24;
    static final int ENTRY_COUNT_OFFSET = 32;
    static final int SLOT_COUNT_OFFSET = 40;
    static final int ENTRIES_OFFSET_OFFSET = 48;
    static final int ENTRIES_LENGTH_OFFSET = 56;
    static final int CARRIED_ENTRY_OFFSET = 64;
    static final int CHECKED_END = 72;
    public static final int SLOTS_OFFSET = 128;

    static final int E_LENGTH = 0;
    static final int E_CHECKSUM = 4;
    static final int E_KEY_LENGTH = 8;
    static final int E_VALUE_LENGTH = 12;
    static final int E_KEY_HASH = 16;
    static final int E_EXPIRES_AT = 24;
    static final int E_ORIGIN = 32;
    public static final int ENTRY_HEADER_LENGTH = 40;
    static final int E_CHECKED_FROM = 8;

    private final Segment segment;
    private final String fileName;
    private final long entryCount;
    private final long slotMask;
    private final long entriesOffset;
    private final long entriesEnd;
    private final long carriedEntry;

    DumpSegment(Segment segment, String fileName) {
        this.segment = segment;
        this.fileName = fileName;
        this.entryCount = segment.getLong(ENTRY_COUNT_OFFSET);
        this.slotMask = segment.getLong(SLOT_COUNT_OFFSET) - 1;
        this.entriesOffset = segment.getLong(ENTRIES_OFFSET_OFFSET);
        this.entriesEnd = entriesOffset + segment.getLong(ENTRIES_LENGTH_OFFSET);
        this.carriedEntry = segment.getLong(CARRIED_ENTRY_OFFSET);
    }

    /** Maps and checks the dump of a published generation. */
    public static DumpSegment open(SegmentDirectory directory, String fileName, long incarnation, long generation) {
        Segment segment = directory.open(fileName, false);
        try {
            String what = "dump segment " + directory.resolve(fileName);
            SegmentHeader.verify(segment, MAGIC, CHECKED_END, what);
            long slotCount = segment.getLong(SLOT_COUNT_OFFSET);
            long entriesOffset = segment.getLong(ENTRIES_OFFSET_OFFSET);
            long entriesLength = segment.getLong(ENTRIES_LENGTH_OFFSET);
            if (segment.getLong(INCARNATION_OFFSET) != incarnation || segment.getLong(GENERATION_OFFSET) != generation
                    || slotCount <= 0 || Long.bitCount(slotCount) != 1
                    || entriesOffset != SLOTS_OFFSET + slotCount * 8 || entriesLength < 0
                    || entriesOffset + entriesLength > segment.size()) {
                throw new SegmentFormatException(what + " does not belong to generation " + generation
                        + " of this cache or is truncated; it is damaged. Remove the cache's segments"
                        + " (ultracache unlink) once no process uses them");
            }
            return new DumpSegment(segment, fileName);
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

    public long entryCount() {
        return entryCount;
    }

    /** Bytes of the entries area: the size of the data this dump holds. */
    public long entriesLength() {
        return entriesEnd - entriesOffset;
    }

    public long size() {
        return segment.size();
    }

    /** Offset of the carried entry (see the class comment), or 0. */
    public long carriedEntry() {
        return carriedEntry;
    }

    /**
     * Finds a key. Allocates nothing.
     *
     * @return the offset of its entry, or -1 if this dump does not hold it
     */
    public long find(long keyHash, byte[] key, int keyOffset, int keyLength) {
        int tag = KeyHash.tag(keyHash);
        long mask = slotMask;
        long index = keyHash & mask;
        for (long probes = 0; probes <= mask; probes++) {
            long slot = segment.getLong(SLOTS_OFFSET + (index << 3));
            if (slot == 0) {
                return -1;
            }
            if ((int) (slot >>> 32) == tag) {
                long entry = (slot & 0xFFFF_FFFFL) << 3;
                if (entry < entriesOffset || entry + ENTRY_HEADER_LENGTH > entriesEnd) {
                    throw damaged("slot " + index + " points outside the entries area");
                }
                if (keyLength(entry) == keyLength && segment.bytesEqual(entry + ENTRY_HEADER_LENGTH, key, keyOffset, keyLength)) {
                    return entry;
                }
                verify(entry); // same tag, other key: rare for sound entries, so rule out a damaged key

            }
            index = (index + 1) & mask;
        }
        throw damaged("the slot table has no empty slot");
    }

    /** The first entry's offset, for walking all entries with {@link #nextEntry}; equals {@link #endOfEntries()} when empty. */
    public long firstEntry() {
        return entriesOffset;
    }

    public long endOfEntries() {
        return entriesEnd;
    }

    public long nextEntry(long entry) {
        int length = segment.getInt(entry + E_LENGTH);
        if (length < ENTRY_HEADER_LENGTH || (length & 7) != 0 || entry + length > entriesEnd) {
            throw damaged("the entry at offset " + entry + " has length " + length);
        }
        return entry + length;
    }

    /** A number per entry, dense enough for a bit set: its offset in 8-byte units from the first entry. */
    public long ordinal(long entry) {
        return (entry - entriesOffset) >>> 3;
    }

    /** Number of ordinals {@link #ordinal} can return. */
    public long ordinalBound() {
        return (entriesEnd - entriesOffset) >>> 3;
    }

    /** Length of an entry, padding included. */
    public int entryLength(long entry) {
        return segment.getInt(entry + E_LENGTH);
    }

    public int keyLength(long entry) {
        return segment.getInt(entry + E_KEY_LENGTH);
    }

    public int valueLength(long entry) {
        return segment.getInt(entry + E_VALUE_LENGTH);
    }

    public long keyHash(long entry) {
        return segment.getLong(entry + E_KEY_HASH);
    }

    public long expiresAt(long entry) {
        return segment.getLong(entry + E_EXPIRES_AT);
    }

    /** The write that produced this entry's value (see the class comment). */
    public long origin(long entry) {
        return segment.getLong(entry + E_ORIGIN);
    }

    public static long keyAt(long entry) {
        return entry + ENTRY_HEADER_LENGTH;
    }

    public long valueAt(long entry) {
        return entry + ENTRY_HEADER_LENGTH + keyLength(entry);
    }

    public boolean keyEquals(long entry, byte[] key, int keyOffset, int keyLength) {
        return keyLength(entry) == keyLength && segment.bytesEqual(keyAt(entry), key, keyOffset, keyLength);
    }

    /**
     * Copies the checked part of an entry (from byte 8 to the end of its value) into {@code dst}
     * and verifies its checksum. The key starts at {@code dst[32]}, the value after it.
     *
     * @return the number of bytes copied
     */
    public int copyVerified(long entry, byte[] dst, Checksum checksum) {
        int keyLength = keyLength(entry);
        int valueLength = valueLength(entry);
        long checked = (long) ENTRY_HEADER_LENGTH - E_CHECKED_FROM + keyLength + valueLength;
        if (keyLength < 0 || valueLength < 0 || entry + E_CHECKED_FROM + checked > entriesEnd || checked > dst.length) {
            throw damaged("the entry at offset " + entry + " has key length " + keyLength + " and value length " + valueLength);
        }
        segment.getBytes(entry + E_CHECKED_FROM, dst, 0, (int) checked);
        if (checksum.of(dst, 0, (int) checked) != segment.getInt(entry + E_CHECKSUM)) {
            throw damaged("the entry at offset " + entry + " fails its checksum");
        }
        return (int) checked;
    }

    /** Checks an entry's checksum (allocates: for rare paths). */
    public void verify(long entry) {
        int keyLength = keyLength(entry);
        int valueLength = valueLength(entry);
        if (keyLength < 0 || valueLength < 0 || (long) ENTRY_HEADER_LENGTH + keyLength + valueLength > entriesEnd - entry) {
            throw damaged("the entry at offset " + entry + " has key length " + keyLength + " and value length " + valueLength);
        }
        copyVerified(entry, new byte[checkedLength(entry)], new Checksum());
    }

    /** Length of the checked part of an entry: what {@link #copyVerified} needs room for. */
    public int checkedLength(long entry) {
        return ENTRY_HEADER_LENGTH - E_CHECKED_FROM + keyLength(entry) + valueLength(entry);
    }

    private SegmentFormatException damaged(String detail) {
        return new SegmentFormatException("dump segment " + fileName + " is damaged: " + detail
                + ". Remove the cache's segments (ultracache unlink) once no process uses them");
    }

    @Override
    public void close() {
        segment.close();
    }

    /** Unmaps now; only once no thread will read this dump again (see {@link Segment#release()}). */
    public void release() {
        segment.release();
    }
}
