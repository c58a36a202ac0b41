package io.ultracache.store;

import io.ultracache.shm.ProcessIdentity;
import io.ultracache.shm.Segment;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentFormatException;
import io.ultracache.shm.SegmentNames;
import io.ultracache.shm.SharedLock;
import io.ultracache.stream.SegmentHeader;
import java.nio.charset.StandardCharsets;
import java.util.function.LongConsumer;

/**
 * The control segment of a store: the small, fixed-size segment every process maps first. It
 * holds the store's identity, its lock, the state word that publishes the stream tail and the
 * generation in one 64-bit store, the table of attached processes, and the store's properties.
 *
 * <pre>
 *      0  magic "UCCTRL01"       8  layout version     12  header crc (of bytes 16..48)
 *     16  incarnation (random, fixed at creation)
 *     24  created at (epoch millis)
 *     32  properties fingerprint (FNV-1a of the properties text)
 *     40  properties length (int)                      44  process slot count (int)
 *    128  LOCK WORD     owner's process token, 0 = free             (own cache line)
 *    192  STATE WORD    generation &lt;&lt; 32 | tail, or -1 = destroyed  (own cache line)
 *    256  dumps written (long)      264  lock take-overs (long)     272  last dump at (millis)
 *    512  RETIRED COUNTERS  the {@link StoreCounter}s of handles that closed or died, 8 longs
 *   1024  PROCESS TABLE  256 slots x 128 bytes:
 *           +0  process token (0 = free)   +8  attached at (millis)   +16  handle id
 *           +24 .. +88  the handle's {@link StoreCounter}s, 8 longs
 *  33792  PROPERTIES     UTF-8 text, "key=value" lines sorted by key, up to 31744 bytes
 *  65536  end
 * </pre>
 *
 * <p>The state word is the store's only publication point: a writer appends a record to the
 * stream buffer, then stores {@code generation << 32 | newTail} with release semantics; a reader
 * loads it with acquire semantics and may then read every record below the tail. Starting a new
 * generation publishes the new generation and its stream's tail in the same single store.
 * Everything else here changes only under the lock, except a handle's own counters, which only
 * that handle adds to (atomically, as several of its threads may).
 */
final class ControlSegment {
    static final long MAGIC = SegmentHeader.magic("UCCTRL01");
    static final int INCARNATION_OFFSET = 16;
    static final int CREATED_AT_OFFSET = 24;
    static final int FINGERPRINT_OFFSET = 32;
    static final int PROPERTIES_LENGTH_OFFSET = 40;
    static final int SLOT_COUNT_OFFSET = 44;
    static final int CHECKED_END = 48;
    static final int LOCK_OFFSET = 128;
    static final int STATE_OFFSET = 192;
    static final int DUMP_COUNT_OFFSET = 256;
    static final int TAKEOVER_COUNT_OFFSET = 264;
    static final int LAST_DUMP_AT_OFFSET = 272;
    static final int RETIRED_COUNTERS_OFFSET = 512;
    static final int PROCESS_TABLE_OFFSET = 1024;
    static final int PROCESS_SLOT_LENGTH = 128;
    static final int PROCESS_SLOTS = 256;
    static final int SLOT_TOKEN = 0;
    static final int SLOT_ATTACHED_AT = 8;
    static final int SLOT_HANDLE_ID = 16;
    static final int SLOT_COUNTERS = 24;
    static final int PROPERTIES_OFFSET = PROCESS_TABLE_OFFSET + PROCESS_SLOTS * PROCESS_SLOT_LENGTH;
    static final int SIZE = 65536;
    static final int MAX_PROPERTIES_LENGTH = SIZE - PROPERTIES_OFFSET;

    /** State word of a destroyed store. */
    static final long DESTROYED = -1;

    private final Segment segment;
    private final String fileName;

    private ControlSegment(Segment segment, String fileName) {
        this.segment = segment;
        this.fileName = fileName;
    }

    static long state(long generation, long tail) {
        return (generation << 32) | tail;
    }

    static long generationOf(long state) {
        return state >>> 32;
    }

    static long tailOf(long state) {
        return state & 0xFFFF_FFFFL;
    }

    /**
     * Creates the control segment, fully initialized, under its final name in one step.
     *
     * @param beforePublish runs with the new incarnation before the file appears (creates the
     *                      first generation's files)
     * @return the new segment, or null if another process created it first
     */
    static ControlSegment create(SegmentDirectory directory, SegmentNames names, long incarnation,
                                 String properties, LongConsumer beforePublish) {
        byte[] text = properties.getBytes(StandardCharsets.UTF_8);
        if (text.length > MAX_PROPERTIES_LENGTH) {
            throw new StoreException("the cache's shared properties take " + text.length + " bytes; at most "
                    + MAX_PROPERTIES_LENGTH + " fit in the control segment");
        }
        Segment segment = directory.createInitialized(names.control(), SIZE, s -> {
            s.putLong(INCARNATION_OFFSET, incarnation);
            s.putLong(CREATED_AT_OFFSET, System.currentTimeMillis());
            s.putLong(FINGERPRINT_OFFSET, fingerprint(text));
            s.putInt(PROPERTIES_LENGTH_OFFSET, text.length);
            s.putInt(SLOT_COUNT_OFFSET, PROCESS_SLOTS);
            s.putBytes(PROPERTIES_OFFSET, text, 0, text.length);
            s.putLong(STATE_OFFSET, state(0, 0));
            beforePublish.accept(incarnation);
            SegmentHeader.seal(s, MAGIC, CHECKED_END);
        });
        return segment == null ? null : new ControlSegment(segment, names.control());
    }

    /** Maps and checks an existing control segment. */
    static ControlSegment open(SegmentDirectory directory, String fileName) {
        Segment segment = directory.open(fileName, true);
        try {
            String what = "control segment " + directory.resolve(fileName);
            if (segment.size() != SIZE) {
                SegmentHeader.verify(segment, MAGIC, CHECKED_END, what);
                throw new SegmentFormatException(what + " has " + segment.size() + " bytes, not " + SIZE
                        + "; it is damaged. Remove it (ultracache unlink) once no process uses it");
            }
            SegmentHeader.verify(segment, MAGIC, CHECKED_END, what);
            int length = segment.getInt(PROPERTIES_LENGTH_OFFSET);
            if (length < 0 || length > MAX_PROPERTIES_LENGTH || segment.getInt(SLOT_COUNT_OFFSET) != PROCESS_SLOTS) {
                throw new SegmentFormatException(what + " is damaged (properties length " + length
                        + "). Remove it (ultracache unlink) once no process uses it");
            }
            return new ControlSegment(segment, fileName);
        } catch (RuntimeException e) {
            segment.close();
            throw e;
        }
    }

    static long fingerprint(byte[] text) {
        long h = 0xcbf29ce484222325L;
        for (byte b : text) {
            h ^= b & 0xFF;
            h *= 0x100000001b3L;
        }
        return h;
    }

    Segment segment() {
        return segment;
    }

    /**
     * The store's cross-process lock. Its JVM-wide identity is the control file's real path, so
     * every handle in this JVM on the same store shares one local lock.
     */
    SharedLock lock(SegmentDirectory directory, String description) {
        java.nio.file.Path path = directory.path();
        try {
            path = path.toRealPath();
        } catch (java.io.IOException e) {
            // keep the absolute path
        }
        return new SharedLock(segment, LOCK_OFFSET, path.resolve(fileName).toString(), description);
    }

    String fileName() {
        return fileName;
    }

    long incarnation() {
        return segment.getLong(INCARNATION_OFFSET);
    }

    long createdAt() {
        return segment.getLong(CREATED_AT_OFFSET);
    }

    String properties() {
        int length = segment.getInt(PROPERTIES_LENGTH_OFFSET);
        byte[] text = new byte[length];
        segment.getBytes(PROPERTIES_OFFSET, text, 0, length);
        if (fingerprint(text) != segment.getLong(FINGERPRINT_OFFSET)) {
            throw new SegmentFormatException("control segment " + fileName + " has damaged properties"
                    + " (fingerprint mismatch). Remove it (ultracache unlink) once no process uses it");
        }
        return new String(text, StandardCharsets.UTF_8);
    }

    /** The state word, loaded with acquire semantics. */
    long state() {
        return segment.getLongAcquire(STATE_OFFSET);
    }

    /** Publishes a new state word (release): every record below its tail is now visible. */
    void publish(long generation, long tail) {
        segment.putLongRelease(STATE_OFFSET, state(generation, tail));
    }

    void markDestroyed() {
        segment.putLongVolatile(STATE_OFFSET, DESTROYED);
    }

    long dumpCount() {
        return segment.getLongVolatile(DUMP_COUNT_OFFSET);
    }

    void countDump() {
        segment.getAndAddLong(DUMP_COUNT_OFFSET, 1);
        segment.putLongRelease(LAST_DUMP_AT_OFFSET, System.currentTimeMillis());
    }

    long takeoverCount() {
        return segment.getLongVolatile(TAKEOVER_COUNT_OFFSET);
    }

    void countTakeover() {
        segment.getAndAddLong(TAKEOVER_COUNT_OFFSET, 1);
    }

    long lastDumpAt() {
        return segment.getLongAcquire(LAST_DUMP_AT_OFFSET);
    }

    private static long slotOffset(int slot) {
        return PROCESS_TABLE_OFFSET + (long) slot * PROCESS_SLOT_LENGTH;
    }

    /**
     * Records this handle as attached, in a free slot or one whose process died. Call under the lock.
     *
     * @return the slot, or -1 if every slot is held by a live process
     */
    int claimProcessSlot(long handleId) {
        long self = ProcessIdentity.CURRENT.token();
        for (int i = 0; i < PROCESS_SLOTS; i++) {
            long at = slotOffset(i);
            long token = segment.getLongVolatile(at + SLOT_TOKEN);
            if (token == 0 || (token != self && !ProcessIdentity.isAlive(token))) {
                retireCounters(at); // a dead process's counts still count
                segment.putLong(at + SLOT_ATTACHED_AT, System.currentTimeMillis());
                segment.putLong(at + SLOT_HANDLE_ID, handleId);
                segment.putLongVolatile(at + SLOT_TOKEN, self);
                return i;
            }
        }
        return -1;
    }

    /** Frees a slot this handle claimed. Call under the lock. */
    void releaseProcessSlot(int slot, long handleId) {
        long at = slotOffset(slot);
        if (segment.getLongVolatile(at + SLOT_TOKEN) == ProcessIdentity.CURRENT.token()
                && segment.getLong(at + SLOT_HANDLE_ID) == handleId) {
            retireCounters(at);
            segment.putLongVolatile(at + SLOT_TOKEN, 0);
        }
    }

    /** Moves a slot's counters into the retired totals. Call under the lock. */
    private void retireCounters(long slotAt) {
        for (StoreCounter counter : StoreCounter.values()) {
            long at = slotAt + SLOT_COUNTERS + counter.offset();
            long value = segment.getLongVolatile(at);
            if (value != 0) {
                segment.getAndAddLong(RETIRED_COUNTERS_OFFSET + counter.offset(), value);
                segment.getAndAddLong(at, -value);
            }
        }
    }

    /** Adds to a counter of the handle in {@code slot}. */
    void count(int slot, StoreCounter counter, long delta) {
        segment.getAndAddLong(slotOffset(slot) + SLOT_COUNTERS + counter.offset(), delta);
    }

    /** A counter of the handle in {@code slot}. */
    long counter(int slot, StoreCounter counter) {
        return segment.getLongVolatile(slotOffset(slot) + SLOT_COUNTERS + counter.offset());
    }

    /** Totals of every counter over all handles, present and past (indexed by ordinal). */
    long[] counterTotals() {
        long[] totals = new long[StoreCounter.values().length];
        for (StoreCounter counter : StoreCounter.values()) {
            long total = segment.getLongVolatile(RETIRED_COUNTERS_OFFSET + counter.offset());
            for (int i = 0; i < PROCESS_SLOTS; i++) {
                long at = slotOffset(i);
                if (segment.getLongVolatile(at + SLOT_TOKEN) != 0) {
                    total += segment.getLongVolatile(at + SLOT_COUNTERS + counter.offset());
                }
            }
            totals[counter.ordinal()] = total;
        }
        return totals;
    }

    /** Number of slots held by live processes (this one included). */
    int liveAttachments() {
        int live = 0;
        for (int i = 0; i < PROCESS_SLOTS; i++) {
            long token = segment.getLongVolatile(slotOffset(i) + SLOT_TOKEN);
            if (token != 0 && ProcessIdentity.isAlive(token)) {
                live++;
            }
        }
        return live;
    }

    /** Tokens and attach times of the slots in use (dead processes included), for status. */
    long[][] attachments() {
        int used = 0;
        long[][] rows = new long[PROCESS_SLOTS][];
        for (int i = 0; i < PROCESS_SLOTS; i++) {
            long at = slotOffset(i);
            long token = segment.getLongVolatile(at + SLOT_TOKEN);
            if (token != 0) {
                rows[used++] = new long[] {token, segment.getLong(at + SLOT_ATTACHED_AT), segment.getLong(at + SLOT_HANDLE_ID)};
            }
        }
        return java.util.Arrays.copyOf(rows, used);
    }
}
