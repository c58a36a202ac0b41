package io.ultracache.store;

import io.ultracache.serial.SerializationException;
import io.ultracache.serial.Serializer;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentNames;
import io.ultracache.stream.DumpSegment;
import io.ultracache.stream.RecordBuilder;
import io.ultracache.stream.RecordDescriptor;
import io.ultracache.stream.RecordType;
import io.ultracache.stream.StreamBuffer;

/**
 * This process's view of one generation: its dump and stream buffer, mapped, and the overlay
 * index of the stream records read so far. Looking a key up checks the overlay first (the latest
 * record of the key, if it was written since the dump), then the dump.
 *
 * <p>A view only moves forward within its generation ({@link #advanceTo}, by one thread at a time
 * under the tracker's lock); lookups run concurrently without a lock. A reader that is not
 * under the store's lock or the tracker's lock {@link #enter}s the view first and {@link #exit}s
 * it after: once the view is {@link #retire}d (a newer generation replaced it) and its last reader
 * left, its segments are unmapped at once, so the removed files' pages are freed now rather than
 * whenever the garbage collector finds the mappings unreachable. A reader that entered keeps
 * reading valid, immutable bytes however far the store moved on.
 *
 * <pre>
 *  readers word:  RETIRED bit (1 &lt;&lt; 30) | number of readers inside;  RELEASED (-1) once unmapped
 * </pre>
 */
final class GenerationView {
    /** Offset of the key in a stream record's checked bytes, as {@code copyVerified} copies them. */
    private static final int RECORD_KEY_IN_COPY = RecordDescriptor.HEADER_LENGTH - RecordDescriptor.CHECKED_FROM;
    /** Offset of the key in a dump entry's checked bytes. */
    private static final int DUMP_KEY_IN_COPY = DumpSegment.ENTRY_HEADER_LENGTH - 8;
    /** Low half of the origin of a dump's carried entry: odd, so no record offset can equal it. */
    static final long CARRIED_ORIGIN = 1;

    final long generation;
    final DumpSegment dump;
    final StreamBuffer stream;
    final OverlayIndex overlay = new OverlayIndex();
    private volatile long syncedTail;
    @SuppressWarnings("unused") // through READERS
    private volatile int readers;

    private static final int RETIRED = 1 << 30;
    private static final int RELEASED = -1;
    private static final java.lang.invoke.VarHandle READERS;

    static {
        try {
            READERS = java.lang.invoke.MethodHandles.lookup().findVarHandle(GenerationView.class, "readers", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    GenerationView(long generation, DumpSegment dump, StreamBuffer stream) {
        this.generation = generation;
        this.dump = dump;
        this.stream = stream;
    }

    static GenerationView open(SegmentDirectory directory, SegmentNames names, long incarnation, long generation) {
        DumpSegment dump = DumpSegment.open(directory, names.dump(incarnation, generation), incarnation, generation);
        StreamBuffer stream;
        try {
            stream = StreamBuffer.open(directory, names.stream(incarnation, generation), incarnation, generation, true);
        } catch (RuntimeException | Error e) {
            dump.release(); // the generation went (or is damaged) between the two opens; nothing else has seen it
            throw e;
        }
        return new GenerationView(generation, dump, stream);
    }

    long syncedTail() {
        return syncedTail;
    }

    /**
     * Counts the caller as a reader of this view's segments until it calls {@link #exit}; false if
     * the view was retired and unmapped already (then take the tracker's current view instead).
     */
    boolean enter() {
        while (true) {
            int now = (int) READERS.getVolatile(this);
            if (now == RELEASED) {
                return false;
            }
            if (READERS.compareAndSet(this, now, now + 1)) {
                return true;
            }
        }
    }

    /** Ends a reader's {@link #enter}; the last reader out of a retired view unmaps it. */
    void exit() {
        if ((int) READERS.getAndAdd(this, -1) - 1 == RETIRED) {
            releaseIfIdle();
        }
    }

    /**
     * Marks the view replaced by a newer one: it is unmapped as soon as no reader is inside. Call
     * once, by the one that replaced it; the caller must not read it afterwards unless it entered.
     */
    void retire() {
        if ((int) READERS.getAndAdd(this, RETIRED) + RETIRED == RETIRED) {
            releaseIfIdle();
        }
    }

    private void releaseIfIdle() {
        if (READERS.compareAndSet(this, RETIRED, RELEASED)) {
            dump.release();
            stream.release();
        }
    }

    /** At least the number of live entries: the dump's plus the keys written since. */
    long entryCountBound() {
        return dump.entryCount() + overlay.table().size();
    }

    /** Whether this view has read everything the state word publishes. */
    boolean covers(long state) {
        return ControlSegment.generationOf(state) == generation && ControlSegment.tailOf(state) <= syncedTail;
    }

    /**
     * Indexes the records from the current synced tail up to {@code tail}, dropping what they
     * change from the near cache before the new tail is published. One thread at a time.
     *
     * @param keyBuffer supplies a buffer for a key of the given length
     */
    void advanceTo(long tail, java.util.function.IntFunction<byte[]> keyBuffer, NearCache near) {
        long at = syncedTail;
        while (at < tail) {
            stream.checkRecord(at, tail);
            byte type = stream.type(at);
            invalidate(at, type, near);
            if (type == RecordType.CLEAR) {
                overlay.clear();
            } else {
                int keyLength = stream.keyLength(at);
                byte[] key = keyBuffer.apply(keyLength);
                stream.segment().getBytes(StreamBuffer.keyAt(at), key, 0, keyLength);
                overlay.index(stream, at, stream.keyHash(at), key, 0, keyLength);
            }
            at += stream.recordLength(at);
        }
        syncedTail = tail;
    }

    /**
     * Indexes the record this process just appended at the synced tail and published, from the
     * builder that holds its key, instead of reading it back. One thread at a time, and only while
     * the synced tail is still where the record starts (see {@link ViewTracker#advanceByOwn}).
     *
     * @param key the key object of a PUT record, or null
     * @param sharedValue the value object of a PUT record if the near cache may keep it, or null
     */
    void advanceByOwn(RecordBuilder record, NearCache near, Object key, Object sharedValue) {
        long at = syncedTail;
        if (record.type() == RecordType.CLEAR) {
            near.invalidateAll();
            overlay.clear();
        } else {
            if (record.hasJavaHash()) {
                if (key != null) {
                    near.update(key, record.javaHash(), sharedValue, record.expiresAt());
                } else {
                    near.invalidate(record.javaHash());
                }
            }
            overlay.index(stream, at, record.keyHash(), record.array(), RecordBuilder.KEY_OFFSET, record.keyLength());
        }
        syncedTail = at + record.length();
    }

    private void invalidate(long record, byte type, NearCache near) {
        if (type == RecordType.CLEAR) {
            near.invalidateAll();
        } else if ((stream.flags(record) & RecordType.FLAG_JAVA_HASH) != 0) {
            near.invalidate(stream.javaHash(record));
        }
    }

    /**
     * Drops from the near cache what the records after the synced tail change, up to where the
     * writer sealed this generation's stream. Returns false if the stream was not sealed (its
     * writer moved on without sealing it), so the caller must drop everything.
     */
    boolean invalidateRest(NearCache near) {
        long sealed = stream.sealedTail();
        if (sealed < syncedTail) {
            return false;
        }
        for (long at = syncedTail; at < sealed; at += stream.recordLength(at)) {
            stream.checkRecord(at, sealed);
            invalidate(at, stream.type(at), near);
        }
        return true;
    }

    /**
     * Finds the key held in {@code s.record} (serialized, hashed). Allocates nothing.
     *
     * @return the value's location, or {@link Location#NONE}; on success {@code s.expiresAt} and
     *         {@code s.keyLocation} are set
     */
    long locate(ThreadScratch s) {
        return locate(s.record, s);
    }

    /** As {@link #locate(ThreadScratch)}, for the key held in {@code keyRecord}. */
    long locate(RecordBuilder keyRecord, ThreadScratch s) {
        long keyHash = keyRecord.keyHash();
        int keyLength = keyRecord.keyLength();
        byte[] key = keyRecord.array();
        OverlayIndex.Table table = overlay.table();
        long record = table.find(stream, keyHash, key, RecordBuilder.KEY_OFFSET, keyLength);
        if (record >= 0) {
            byte type = stream.type(record);
            if (type == RecordType.PUT) {
                s.expiresAt = stream.expiresAt(record);
                s.keyLocation = Location.inStream(record);
                return s.keyLocation;
            }
            if (type == RecordType.TOUCH) {
                s.expiresAt = stream.expiresAt(record);
                s.keyLocation = Location.inStream(record);
                return stream.touchedLocation(record);
            }
            return Location.NONE;
        }
        if (!table.dumpVisible) {
            return Location.NONE;
        }
        long entry = dump.find(keyHash, key, RecordBuilder.KEY_OFFSET, keyLength);
        if (entry < 0) {
            return Location.NONE;
        }
        s.expiresAt = dump.expiresAt(entry);
        s.keyLocation = Location.inDump(entry);
        return s.keyLocation;
    }

    /** The origin of a stream record: the write that produced it (see {@link DumpSegment}). */
    static long origin(long generation, long recordOffset) {
        return (generation << 32) | recordOffset;
    }

    /** The origin of the value at a location. */
    long originOf(long valueLocation) {
        long offset = Location.offset(valueLocation);
        return Location.isDump(valueLocation) ? dump.origin(offset) : origin(generation, offset);
    }

    /**
     * The value at a location: the object decoded earlier if it is immutable and still in
     * {@code hot}, else decoded now from bytes whose checksum is verified as they are copied out.
     */
    Object decodeValue(long location, ThreadScratch s, Serializer serializer, HotValues hot) {
        long origin = originOf(location);
        Object cached = hot.get(origin);
        if (cached != null) {
            return cached;
        }
        long offset = Location.offset(location);
        byte[] bytes;
        int valueAt;
        int valueLength;
        if (Location.isDump(location)) {
            bytes = s.copyBuffer(dump.checkedLength(offset));
            dump.copyVerified(offset, bytes, s.checksum);
            valueAt = DUMP_KEY_IN_COPY + dump.keyLength(offset);
            valueLength = dump.valueLength(offset);
        } else {
            int keyLength = stream.keyLength(offset);
            valueLength = stream.valueLength(offset);
            bytes = s.copyBuffer(RECORD_KEY_IN_COPY + keyLength + valueLength);
            stream.copyVerified(offset, bytes, s.checksum);
            valueAt = RECORD_KEY_IN_COPY + keyLength;
        }
        Object value = read(serializer, bytes, valueAt, valueLength, s, "value");
        if (serializer.isShareable(value)) {
            hot.put(origin, value);
        }
        return value;
    }

    /** The key at a key location (a PUT or TOUCH record, or a dump entry), decoded. */
    Object decodeKey(long keyLocation, ThreadScratch s, Serializer serializer) {
        long offset = Location.offset(keyLocation);
        if (Location.isDump(keyLocation)) {
            byte[] bytes = s.copyBuffer(dump.checkedLength(offset));
            dump.copyVerified(offset, bytes, s.checksum);
            return read(serializer, bytes, DUMP_KEY_IN_COPY, dump.keyLength(offset), s, "key");
        }
        int keyLength = stream.keyLength(offset);
        byte[] bytes = s.copyBuffer(RECORD_KEY_IN_COPY + keyLength + stream.valueLength(offset));
        stream.copyVerified(offset, bytes, s.checksum);
        return read(serializer, bytes, RECORD_KEY_IN_COPY, keyLength, s, "key");
    }

    /** A key's serialized bytes, checksum verified. */
    byte[] keyBytes(long keyLocation, ThreadScratch s) {
        long offset = Location.offset(keyLocation);
        if (Location.isDump(keyLocation)) {
            byte[] bytes = s.copyBuffer(dump.checkedLength(offset));
            dump.copyVerified(offset, bytes, s.checksum);
            return java.util.Arrays.copyOfRange(bytes, DUMP_KEY_IN_COPY, DUMP_KEY_IN_COPY + dump.keyLength(offset));
        }
        int keyLength = stream.keyLength(offset);
        byte[] bytes = s.copyBuffer(RECORD_KEY_IN_COPY + keyLength + stream.valueLength(offset));
        stream.copyVerified(offset, bytes, s.checksum);
        return java.util.Arrays.copyOfRange(bytes, RECORD_KEY_IN_COPY, RECORD_KEY_IN_COPY + keyLength);
    }

    /** A value's serialized bytes, checksum verified. */
    byte[] valueBytes(long valueLocation, ThreadScratch s) {
        long offset = Location.offset(valueLocation);
        if (Location.isDump(valueLocation)) {
            byte[] bytes = s.copyBuffer(dump.checkedLength(offset));
            dump.copyVerified(offset, bytes, s.checksum);
            int at = DUMP_KEY_IN_COPY + dump.keyLength(offset);
            return java.util.Arrays.copyOfRange(bytes, at, at + dump.valueLength(offset));
        }
        int keyLength = stream.keyLength(offset);
        int valueLength = stream.valueLength(offset);
        byte[] bytes = s.copyBuffer(RECORD_KEY_IN_COPY + keyLength + valueLength);
        stream.copyVerified(offset, bytes, s.checksum);
        int at = RECORD_KEY_IN_COPY + keyLength;
        return java.util.Arrays.copyOfRange(bytes, at, at + valueLength);
    }

    private static Object read(Serializer serializer, byte[] bytes, int at, int length, ThreadScratch s, String what) {
        try {
            return serializer.read(s.source.wrap(bytes, at, length));
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("serializer '" + serializer.id() + "' failed to read a " + what
                    + " of " + length + " bytes: " + e, e);
        }
    }

    /** Segment and offset of a location's key bytes. */
    long keyBytesAt(long keyLocation) {
        long offset = Location.offset(keyLocation);
        return Location.isDump(keyLocation) ? DumpSegment.keyAt(offset) : StreamBuffer.keyAt(offset);
    }

    int keyLength(long keyLocation) {
        long offset = Location.offset(keyLocation);
        return Location.isDump(keyLocation) ? dump.keyLength(offset) : stream.keyLength(offset);
    }

    long keyHash(long keyLocation) {
        long offset = Location.offset(keyLocation);
        return Location.isDump(keyLocation) ? dump.keyHash(offset) : stream.keyHash(offset);
    }

    io.ultracache.shm.Segment segmentOf(long location) {
        return Location.isDump(location) ? dump.segment() : stream.segment();
    }

    long valueBytesAt(long valueLocation) {
        long offset = Location.offset(valueLocation);
        return Location.isDump(valueLocation)
                ? dump.valueAt(offset)
                : StreamBuffer.keyAt(offset) + stream.keyLength(offset);
    }

    int valueLength(long valueLocation) {
        long offset = Location.offset(valueLocation);
        return Location.isDump(valueLocation) ? dump.valueLength(offset) : stream.valueLength(offset);
    }

    /**
     * Every entry live at {@code now}: the overlay's PUT and TOUCH records, then the dump's
     * entries in file order, except those the overlay shadows (unless a CLEAR hid the dump).
     * Shadowed dump entries are found from the overlay's side, one in-place probe of the dump per
     * key written since it, so the dump's own entries are only read, never looked up. Call with
     * the view stable (under the tracker's lock).
     *
     * @param keyBuffer supplies a buffer for a key of the given length
     */
    LiveEntries liveEntries(long now, java.util.function.IntFunction<byte[]> keyBuffer) {
        return liveEntries(now, keyBuffer, null);
    }

    /** As {@link #liveEntries(long, java.util.function.IntFunction)}, also listing the expired entries in {@code expired} if given. */
    LiveEntries liveEntries(long now, java.util.function.IntFunction<byte[]> keyBuffer, LiveEntries expired) {
        OverlayIndex.Table table = overlay.table();
        long dumpEntries = table.dumpVisible ? dump.entryCount() : 0;
        LiveEntries live = new LiveEntries((int) Math.min(Integer.MAX_VALUE / 2, table.size() + dumpEntries));
        java.util.BitSet shadowed = dumpEntries > 0 && table.size() > 0 ? new java.util.BitSet((int) dump.ordinalBound()) : null;
        for (int i = 0; i < table.capacity(); i++) {
            long record = table.recordAt(i);
            if (record < 0) {
                continue;
            }
            if (shadowed != null) {
                int keyLength = stream.keyLength(record);
                byte[] key = keyBuffer.apply(keyLength);
                stream.segment().getBytes(StreamBuffer.keyAt(record), key, 0, keyLength);
                long entry = dump.find(stream.keyHash(record), key, 0, keyLength);
                if (entry >= 0) {
                    shadowed.set((int) dump.ordinal(entry));
                }
            }
            byte type = stream.type(record);
            long expiresAt = stream.expiresAt(record);
            if (expiresAt <= now) {
                if (expired != null && (type == RecordType.PUT || type == RecordType.TOUCH)) {
                    expired.add(Location.inStream(record), type == RecordType.PUT ? Location.inStream(record)
                            : stream.touchedLocation(record), expiresAt);
                }
                continue;
            }
            if (type == RecordType.PUT) {
                live.add(Location.inStream(record), Location.inStream(record), expiresAt);
            } else if (type == RecordType.TOUCH) {
                live.add(Location.inStream(record), stream.touchedLocation(record), expiresAt);
            }
        }
        if (dumpEntries > 0) {
            for (long entry = dump.firstEntry(); entry < dump.endOfEntries(); entry = dump.nextEntry(entry)) {
                long expiresAt = dump.expiresAt(entry);
                if (shadowed != null && shadowed.get((int) dump.ordinal(entry))) {
                    continue;
                }
                if (expiresAt > now) {
                    live.add(Location.inDump(entry), Location.inDump(entry), expiresAt);
                } else if (expired != null) {
                    expired.add(Location.inDump(entry), Location.inDump(entry), expiresAt);
                }
            }
        }
        return live;
    }
}
