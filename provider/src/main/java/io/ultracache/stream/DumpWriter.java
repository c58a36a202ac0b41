package io.ultracache.stream;

import io.ultracache.shm.Segment;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentFileWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes a new {@link DumpSegment} (see its layout) with sequential file writes through a heap
 * staging buffer, then maps it read-only. Entries are added one by one, copied from another
 * segment or from an array; the slot table is built on the heap and written at the end, the
 * header last. Nothing refers to the file until the caller publishes the new generation, so a
 * failure (such as a full directory) only has to delete it.
 */
public final class DumpWriter implements AutoCloseable {
    private static final int STAGING = 1 << 20;
    /** Staging buffer of a dump that may be small: most dumps of small caches fit, and each generation allocates one. */
    private static final int FIRST_STAGING = 64 << 10;
    /** Runs of old entries at least this long go from the old mapping to the file in one write; shorter ones through the staging buffer. */
    private static final int DIRECT_COPY = STAGING / 4;

    private final SegmentFileWriter file;
    private final long incarnation;
    private final long generation;
    private final long slotCount;
    private final long[] slots;
    private final long entriesOffset;
    private ByteBuffer staging = ByteBuffer.allocate(FIRST_STAGING).order(ByteOrder.LITTLE_ENDIAN);
    private final Checksum checksum = new Checksum();
    /** File offset of {@code staging[0]}. */
    private long stagingAt;
    private long entryCount;
    private long carriedEntry;

    private DumpWriter(SegmentFileWriter file, long incarnation, long generation, long maxEntries) {
        this.file = file;
        this.incarnation = incarnation;
        this.generation = generation;
        this.slotCount = slotCountFor(maxEntries);
        if (slotCount > Integer.MAX_VALUE) {
            file.abandon();
            throw new IllegalArgumentException("too many entries for one dump: " + maxEntries);
        }
        this.slots = new long[(int) slotCount];
        this.entriesOffset = DumpSegment.SLOTS_OFFSET + slotCount * 8;
        this.stagingAt = entriesOffset;
    }

    /** Slot count for a number of entries: a power of two, at most half full. */
    public static long slotCountFor(long entries) {
        long wanted = Math.max(16, entries * 2);
        return Long.highestOneBit(wanted - 1) << 1;
    }

    /** Bytes a dump of these entries needs: what {@link #create} will ask of the directory. */
    public static long sizeFor(long entries, long entryBytes) {
        return DumpSegment.SLOTS_OFFSET + slotCountFor(entries) * 8 + entryBytes;
    }

    /** Length of an entry with these key and value lengths, padding included. */
    public static long entryLength(int keyLength, int valueLength) {
        return RecordDescriptor.align((long) DumpSegment.ENTRY_HEADER_LENGTH + keyLength + valueLength);
    }

    /**
     * Starts a dump file (replacing an unpublished leftover of the same name).
     *
     * @param maxEntries at least the number of entries that will be added
     */
    public static DumpWriter create(SegmentDirectory directory, String fileName, long incarnation, long generation, long maxEntries) {
        return new DumpWriter(directory.createForWriting(fileName), incarnation, generation, maxEntries);
    }

    /** Adds an entry whose key and value bytes lie in other segments. Returns the entry's offset. */
    public long add(long keyHash, long expiresAt, long origin, Segment keySource, long keyAt, int keyLength,
                    Segment valueSource, long valueAt, int valueLength) {
        long entry = beginEntry(keyHash, expiresAt, origin, keyLength, valueLength);
        copyFrom(keySource, keyAt, keyLength);
        copyFrom(valueSource, valueAt, valueLength);
        return endEntry(entry, keyLength, valueLength);
    }

    /** Adds an entry whose key and value bytes lie in an array. Returns the entry's offset. */
    public long add(long keyHash, long expiresAt, long origin, byte[] source, int keyAt, int keyLength, int valueAt, int valueLength) {
        long entry = beginEntry(keyHash, expiresAt, origin, keyLength, valueLength);
        copyFrom(source, keyAt, keyLength);
        copyFrom(source, valueAt, valueLength);
        return endEntry(entry, keyLength, valueLength);
    }

    /**
     * Copies the consecutive entries {@code [fromEntry, toEntry)} of an older dump as they are:
     * header, origin, key, value and checksum need no change, only the slots are new. A long run
     * goes from the old mapping to the file in one write, a short one through the staging buffer.
     */
    public void copyEntries(DumpSegment source, long fromEntry, long toEntry) {
        long length = toEntry - fromEntry;
        if (length <= 0) {
            return;
        }
        boolean direct = length >= DIRECT_COPY;
        if (direct) {
            flush();
        } else {
            room((int) length);
        }
        long destination = stagingAt + staging.position();
        for (long e = fromEntry; e < toEntry; e = source.nextEntry(e)) {
            if (entryCount * 2 >= slotCount) {
                throw new IllegalStateException("more entries than announced to the dump writer");
            }
            insertSlot(source.keyHash(e), destination + (e - fromEntry));
            entryCount++;
        }
        if (direct) {
            for (long at = 0; at < length; at += Integer.MAX_VALUE) {
                int chunk = (int) Math.min(Integer.MAX_VALUE, length - at);
                file.writeAt(source.segment().slice(fromEntry + at, chunk), destination + at);
            }
            stagingAt = destination + length;
        } else {
            source.segment().getBytes(fromEntry, staging.array(), staging.position(), (int) length);
            staging.position(staging.position() + (int) length);
        }
    }

    /** Marks an added entry as the carried one (see {@link DumpSegment}). */
    public void markCarried(long entry) {
        carriedEntry = entry;
    }

    private long beginEntry(long keyHash, long expiresAt, long origin, int keyLength, int valueLength) {
        if (entryCount * 2 >= slotCount) {
            throw new IllegalStateException("more entries than announced to the dump writer");
        }
        room(DumpSegment.ENTRY_HEADER_LENGTH);
        long entry = stagingAt + staging.position();
        int at = staging.position();
        staging.putInt(at + DumpSegment.E_LENGTH, (int) entryLength(keyLength, valueLength));
        staging.putInt(at + DumpSegment.E_CHECKSUM, 0);
        staging.putInt(at + DumpSegment.E_KEY_LENGTH, keyLength);
        staging.putInt(at + DumpSegment.E_VALUE_LENGTH, valueLength);
        staging.putLong(at + DumpSegment.E_KEY_HASH, keyHash);
        staging.putLong(at + DumpSegment.E_EXPIRES_AT, expiresAt);
        staging.putLong(at + DumpSegment.E_ORIGIN, origin);
        staging.position(at + DumpSegment.ENTRY_HEADER_LENGTH);
        checksum.start();
        checksum.update(staging.array(), at + DumpSegment.E_CHECKED_FROM, DumpSegment.ENTRY_HEADER_LENGTH - DumpSegment.E_CHECKED_FROM);
        insertSlot(keyHash, entry);
        entryCount++;
        return entry;
    }

    private void insertSlot(long keyHash, long entry) {
        long mask = slotCount - 1;
        int index = (int) (keyHash & mask);
        while (slots[index] != 0) {
            index = (int) ((index + 1) & mask);
        }
        slots[index] = ((long) KeyHash.tag(keyHash) << 32) | (entry >>> 3);
    }

    private void copyFrom(Segment source, long at, int length) {
        int done = 0;
        while (done < length) {
            room(1);
            int n = Math.min(length - done, staging.remaining());
            source.getBytes(at + done, staging.array(), staging.position(), n);
            checksum.update(staging.array(), staging.position(), n);
            staging.position(staging.position() + n);
            done += n;
        }
    }

    private void copyFrom(byte[] source, int at, int length) {
        int done = 0;
        while (done < length) {
            room(1);
            int n = Math.min(length - done, staging.remaining());
            staging.put(source, at + done, n);
            checksum.update(source, at + done, n);
            done += n;
        }
    }

    private long endEntry(long entry, int keyLength, int valueLength) {
        long end = entry + entryLength(keyLength, valueLength);
        long padding = end - (stagingAt + staging.position());
        room((int) padding);
        staging.position(staging.position() + (int) padding); // staging bytes are zeroed at every flush
        int crc = checksum.value();
        if (entry >= stagingAt) {
            staging.putInt((int) (entry - stagingAt) + DumpSegment.E_CHECKSUM, crc);
        } else {
            ByteBuffer b = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, crc);
            file.writeAt(b, entry + DumpSegment.E_CHECKSUM);
        }
        return entry;
    }

    /** Makes room for {@code n} bytes (n <= STAGING) in the staging buffer, flushing it if needed. */
    private void room(int n) {
        if (staging.remaining() < n) {
            flush();
            if (staging.capacity() < STAGING) {
                staging = ByteBuffer.allocate(STAGING).order(ByteOrder.LITTLE_ENDIAN); // a large dump: stage it in larger writes
            }
        }
    }

    private void flush() {
        int length = staging.position();
        staging.flip();
        file.writeAt(staging, stagingAt);
        stagingAt += length;
        java.util.Arrays.fill(staging.array(), 0, length, (byte) 0);
        staging.clear();
    }

    /** Writes the slot table and the header, and maps the finished dump read-only. */
    public DumpSegment finish(String fileName) {
        flush();
        long entriesLength = stagingAt - entriesOffset;
        ByteBuffer chunk = staging; // flushed: free for the slot table
        long at = DumpSegment.SLOTS_OFFSET;
        for (int i = 0; i < slots.length; ) {
            chunk.clear();
            while (i < slots.length && chunk.remaining() >= 8) {
                chunk.putLong(slots[i++]);
            }
            chunk.flip();
            long length = chunk.remaining();
            file.writeAt(chunk, at);
            at += length;
        }
        ByteBuffer header = ByteBuffer.allocate(DumpSegment.SLOTS_OFFSET).order(ByteOrder.LITTLE_ENDIAN);
        header.putLong(DumpSegment.INCARNATION_OFFSET, incarnation);
        header.putLong(DumpSegment.GENERATION_OFFSET, generation);
        header.putLong(DumpSegment.ENTRY_COUNT_OFFSET, entryCount);
        header.putLong(DumpSegment.SLOT_COUNT_OFFSET, slotCount);
        header.putLong(DumpSegment.ENTRIES_OFFSET_OFFSET, entriesOffset);
        header.putLong(DumpSegment.ENTRIES_LENGTH_OFFSET, entriesLength);
        header.putLong(DumpSegment.CARRIED_ENTRY_OFFSET, carriedEntry);
        header.putInt(SegmentHeader.VERSION_OFFSET, SegmentHeader.LAYOUT_VERSION);
        int crc = checksum.of(header.array(), SegmentHeader.FIELDS_OFFSET, DumpSegment.CHECKED_END - SegmentHeader.FIELDS_OFFSET);
        header.putInt(SegmentHeader.CHECKSUM_OFFSET, crc);
        header.putLong(SegmentHeader.MAGIC_OFFSET, DumpSegment.MAGIC);
        file.writeAt(header, 0);
        Segment segment = file.finish(Math.max(stagingAt, entriesOffset), false);
        return new DumpSegment(segment, fileName);
    }

    public void abandon() {
        file.abandon();
    }

    @Override
    public void close() {
        file.abandon();
    }
}
