package io.ultracache.stream;

import io.ultracache.shm.Segment;
import io.ultracache.shm.SegmentFormatException;
import java.nio.charset.StandardCharsets;

/**
 * The first 16 bytes of every UltraCache segment, and their checks.
 *
 * <pre>
 *   0                               8               12              16
 *  +-------------------------------+---------------+---------------+-------- ...
 *  |  magic (kind of segment)      | layout version| header crc    | kind-specific header
 *  +-------------------------------+---------------+---------------+-------- ...
 * </pre>
 *
 * The magic is 8 ASCII characters naming the kind ({@code UCCTRL01}, {@code UCSTRM01},
 * {@code UCDUMP01}). The header checksum is CRC32C over the kind's fixed header fields, from byte
 * 16 to a kind-specific end. A file that fails these checks is foreign, damaged, or written by
 * another layout version, and is refused with a message saying which.
 */
public final class SegmentHeader {
    /** Version of every layout in this package and of the control segment; bump on any change. */
    public static final int LAYOUT_VERSION = 1;

    public static final int MAGIC_OFFSET = 0;
    public static final int VERSION_OFFSET = 8;
    public static final int CHECKSUM_OFFSET = 12;
    public static final int FIELDS_OFFSET = 16;

    private SegmentHeader() {
    }

    /** The magic number of a kind, from its 8-character name. */
    public static long magic(String eightChars) {
        byte[] b = eightChars.getBytes(StandardCharsets.US_ASCII);
        if (b.length != 8) {
            throw new IllegalArgumentException(eightChars);
        }
        long m = 0;
        for (int i = 7; i >= 0; i--) {
            m = (m << 8) | (b[i] & 0xFF);
        }
        return m;
    }

    /** Writes magic, version and the checksum of {@code [16, checkedEnd)}; call after the fields. */
    public static void seal(Segment segment, long magic, int checkedEnd) {
        segment.putInt(VERSION_OFFSET, LAYOUT_VERSION);
        segment.putInt(CHECKSUM_OFFSET, checksum(segment, checkedEnd));
        // the magic last, with release: a reader that sees it sees the whole header
        segment.putLongRelease(MAGIC_OFFSET, magic);
    }

    /**
     * Checks magic, version and header checksum.
     *
     * @param what    the segment's kind and name, for messages
     * @throws SegmentFormatException saying what is wrong and what to do
     */
    public static void verify(Segment segment, long magic, int checkedEnd, String what) {
        if (segment.size() < Math.max(checkedEnd, FIELDS_OFFSET)) {
            throw new SegmentFormatException(what + " is truncated: " + segment.size()
                    + " bytes, fewer than its header; it is damaged or foreign. Remove it once no process"
                    + " uses it (ultracache unlink or cleanup)");
        }
        long found = segment.getLongAcquire(MAGIC_OFFSET);
        if (found != magic) {
            throw new SegmentFormatException(what + " is not an UltraCache segment of this kind (magic "
                    + describeMagic(found) + ", expected " + describeMagic(magic) + "); it is foreign or"
                    + " damaged. Remove it once no process uses it (ultracache unlink or cleanup)"
                    + " or configure another segment directory");
        }
        int version = segment.getInt(VERSION_OFFSET);
        if (version != LAYOUT_VERSION) {
            throw new SegmentFormatException(what + " has layout version " + version
                    + " but this UltraCache reads layout version " + LAYOUT_VERSION + ". Every process"
                    + " sharing a cache must use the same layout: run one UltraCache version, or give the"
                    + " other version its own cache manager URI or segment directory");
        }
        int expected = segment.getInt(CHECKSUM_OFFSET);
        int actual = checksum(segment, checkedEnd);
        if (expected != actual) {
            throw new SegmentFormatException(what + " has a damaged header (checksum " + Integer.toHexString(actual)
                    + ", recorded " + Integer.toHexString(expected) + "). Remove it once no process uses it"
                    + " (ultracache unlink or cleanup)");
        }
    }

    private static int checksum(Segment segment, int checkedEnd) {
        byte[] fields = new byte[checkedEnd - FIELDS_OFFSET];
        segment.getBytes(FIELDS_OFFSET, fields, 0, fields.length);
        return new Checksum().of(fields, 0, fields.length);
    }

    private static String describeMagic(long magic) {
        StringBuilder b = new StringBuilder("'");
        for (int i = 0; i < 8; i++) {
            int c = (int) (magic >>> (8 * i)) & 0xFF;
            b.append(c >= 0x20 && c < 0x7F ? (char) c : '.');
        }
        return b.append("'").toString();
    }
}
