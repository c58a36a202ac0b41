package io.ultracache.store;

import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentNames;
import io.ultracache.stream.DumpSegment;
import io.ultracache.stream.DumpWriter;
import io.ultracache.stream.RecordBuilder;
import io.ultracache.stream.RecordType;
import io.ultracache.stream.StreamBuffer;

/**
 * Appends records to the stream buffer and, when one does not fit, starts the next generation:
 * writes a dump of every live entry, a new stream buffer sized from the dump, publishes both with
 * one store of the state word, and removes the previous generation's files. Every method runs
 * under the store's cross-process lock.
 *
 * <p>Crash safety: nothing a writer does is visible before the state word is stored, and that
 * store is one aligned 64-bit write. A writer killed before it leaves at most unpublished bytes
 * after the tail (overwritten by the next writer) or unpublished files of the next generation
 * (replaced by the next writer, or removed by {@link #removeStaleGenerations}); killed after it,
 * it leaves the previous generation's files, which are removed the same way.
 *
 * <p>Cost: the stream of a generation holds {@code streamToDumpRatio} times its dump's size (within
 * the configured bounds), so the bytes written into dumps per byte written into the stream stay
 * constant however large the store grows. A store written so fast that a generation fills its
 * stream in under {@value #BUSY_GENERATION_MILLIS} ms gets a stream twice the last one's size, up to
 * the configured maximum, and keeps that size while generations last up to
 * {@value #IDLE_GENERATION_MILLIS} ms: every generation costs a dump of every entry and makes every
 * process map new segments, which for a small store written hundreds of thousands of times a second
 * would otherwise happen dozens of times a second.
 */
final class StoreWriter {
    private static final System.Logger LOG = System.getLogger(StoreWriter.class.getName());
    /** A generation that filled its stream sooner than this gets a stream twice as large next. */
    static final long BUSY_GENERATION_MILLIS = 1_000;
    /** A generation that lasted longer than this gets a stream sized from its dump alone next. */
    static final long IDLE_GENERATION_MILLIS = 60_000;

    private final ControlSegment control;
    private final SegmentDirectory directory;
    private final SegmentNames names;
    private final long incarnation;
    private final ViewTracker tracker;
    private final StoreConfig config;
    private final long writerId;
    /** Builds the records that announce entries a dump drops because they expired. */
    private final RecordBuilder expiryRecord = new RecordBuilder();
    private final io.ultracache.stream.Checksum checksum = new io.ultracache.stream.Checksum();

    StoreWriter(ControlSegment control, SegmentDirectory directory, SegmentNames names, ViewTracker tracker, StoreConfig config,
                long writerId) {
        this.writerId = writerId;
        this.control = control;
        this.directory = directory;
        this.names = names;
        this.incarnation = control.incarnation();
        this.tracker = tracker;
        this.config = config;
    }

    /** Creates the files of generation 0 (an empty dump and a stream) for a new store. */
    static void createFirstGeneration(SegmentDirectory directory, SegmentNames names, long incarnation, StoreConfig config) {
        try (DumpWriter dump = DumpWriter.create(directory, names.dump(incarnation, 0), incarnation, 0, 0)) {
            dump.finish(names.dump(incarnation, 0));
            StreamBuffer.create(directory, names.stream(incarnation, 0), incarnation, 0, config.streamMinBytes());
        } catch (RuntimeException e) {
            removeGenerationFiles(directory, names, incarnation, 0);
            throw e;
        }
    }

    static void removeGenerationFiles(SegmentDirectory directory, SegmentNames names, long incarnation, long generation) {
        directory.unlink(names.dump(incarnation, generation));
        directory.unlink(names.stream(incarnation, generation));
    }

    /** Appends a finished record and publishes it; starts a new generation if it does not fit. */
    void append(RecordBuilder record) {
        append(record, null, null);
    }

    /**
     * Appends a finished PUT record of {@code key} (as {@link #append(RecordBuilder)}); if
     * {@code sharedValue} is not null, this process's near cache keeps it as the key's value.
     */
    void append(RecordBuilder record, Object key, Object sharedValue) {
        GenerationView view = tracker.current(); // under the lock: covers every published record
        long tail = view.syncedTail();
        int length = record.length();
        if (tail + length <= view.stream.capacity()) {
            view.stream.write(tail, record.array(), 0, length);
            control.publish(view.generation, tail + length);
            tracker.advanceByOwn(view, tail, record, key, sharedValue);
        } else {
            startGeneration(view, record);
        }
    }

    /**
     * Writes generation {@code view.generation + 1}: a dump of everything live now, with the
     * record applied. The record goes first into the new stream, or, if it is a PUT too large for
     * any stream buffer, straight into the dump as its carried entry.
     */
    private void startGeneration(GenerationView view, RecordBuilder record) {
        long now = System.currentTimeMillis();
        long next = view.generation + 1;
        if (next >= Integer.MAX_VALUE) {
            throw new StoreException("cache has started " + next + " generations, the most a layout-1 state word can count;"
                    + " destroy and re-create it");
        }
        boolean clear = record.type() == RecordType.CLEAR;
        LiveEntries expired = new LiveEntries(0);
        // under the tracker's lock: the key buffer it lends is shared with this process's readers
        LiveEntries live = clear ? new LiveEntries(0) : tracker.withStableView(v -> v.liveEntries(now, tracker::keyBuffer, expired));
        long expiryBytes = expiryRecordsLength(view, expired);
        long entryBytes = 0;
        for (int i = 0; i < live.size(); i++) {
            entryBytes += DumpWriter.entryLength(view.keyLength(live.keyLocation(i)), view.valueLength(live.valueLocation(i)));
        }
        long lastCapacity = view.stream.capacity();
        long lifetime = now - control.lastDumpAt();
        long streamCapacity = streamCapacityFor(config, entryBytes, lastCapacity, lifetime);
        boolean carry = record.type() == RecordType.PUT && record.length() > streamCapacity;
        if (carry) {
            streamCapacity = streamCapacityFor(config, entryBytes + DumpWriter.entryLength(record.keyLength(), record.valueLength()),
                    lastCapacity, lifetime);
        } else {
            streamCapacity = Math.max(streamCapacity, record.length());
        }
        streamCapacity += expiryBytes;

        String dumpName = names.dump(incarnation, next);
        String streamName = names.stream(incarnation, next);
        DumpSegment dump;
        StreamBuffer stream;
        DumpWriter writer = DumpWriter.create(directory, dumpName, incarnation, next, live.size() + (carry ? 1 : 0));
        try {
            writeEntries(view, live, carry ? record : null, writer);
            if (carry) {
                long entry = writer.add(record.keyHash(), record.expiresAt(), GenerationView.origin(next, GenerationView.CARRIED_ORIGIN),
                        record.array(), RecordBuilder.KEY_OFFSET, record.keyLength(), record.valueOffset(), record.valueLength());
                writer.markCarried(entry);
            }
            dump = writer.finish(dumpName);
        } catch (RuntimeException | Error e) {
            writer.abandon();
            throw e;
        }
        long tail = 0;
        try {
            stream = StreamBuffer.create(directory, streamName, incarnation, next, streamCapacity);
            if (expiryBytes > 0) {
                tail = writeExpiryRecords(view, expired, stream);
            }
            if (!carry) {
                stream.write(tail, record.array(), 0, record.length());
                tail += record.length();
            }
        } catch (RuntimeException | Error e) {
            removeGenerationFiles(directory, names, incarnation, next);
            throw e;
        }
        view.stream.seal(view.syncedTail());
        control.publish(next, tail);
        control.countDump();
        unlinkQuietly(view.dump.fileName());
        unlinkQuietly(view.stream.fileName());
        tracker.adopt(next, dump, stream);
    }

    /**
     * Writes the live entries into the new dump, leaving out the carried record's key. Entries of
     * the old dump that follow each other in it are copied as runs, unchanged; entries from the
     * stream are converted one by one.
     */
    private static void writeEntries(GenerationView view, LiveEntries live, RecordBuilder carried, DumpWriter writer) {
        DumpSegment old = view.dump;
        long runStart = -1;
        long runEnd = -1;
        for (int i = 0; i < live.size(); i++) {
            long keyLocation = live.keyLocation(i);
            long valueLocation = live.valueLocation(i);
            if (carried != null && isKeyOf(view, keyLocation, carried)) {
                continue; // replaced by the carried entry
            }
            if (Location.isDump(keyLocation) && keyLocation == valueLocation) {
                long entry = Location.offset(keyLocation);
                if (entry != runEnd) {
                    writer.copyEntries(old, runStart, runEnd);
                    runStart = entry;
                }
                runEnd = entry + old.entryLength(entry);
                continue;
            }
            writer.add(view.keyHash(keyLocation), live.expiresAt(i), view.originOf(valueLocation),
                    view.segmentOf(keyLocation), view.keyBytesAt(keyLocation), view.keyLength(keyLocation),
                    view.segmentOf(valueLocation), view.valueBytesAt(valueLocation), view.valueLength(valueLocation));
        }
        writer.copyEntries(old, runStart, runEnd);
    }

    /**
     * Bytes of the REMOVE records (flagged expired, holding the value) that announce the entries
     * this dump drops because they expired, so processes following the stream for listeners learn
     * of them. Within one stream buffer's worth; beyond that they are dropped unannounced.
     */
    private long expiryRecordsLength(GenerationView view, LiveEntries expired) {
        long total = 0;
        for (int i = 0; i < expired.size(); i++) {
            long length = io.ultracache.stream.RecordDescriptor.recordLength(view.keyLength(expired.keyLocation(i)),
                    view.valueLength(expired.valueLocation(i)));
            if (total + length > config.streamMaxBytes()) {
                break;
            }
            total += length;
        }
        return total;
    }

    /** Writes the announcing records at the start of the new stream; returns the tail after them. */
    private long writeExpiryRecords(GenerationView view, LiveEntries expired, StreamBuffer stream) {
        ThreadScratch s = ThreadScratch.acquire();
        try {
            long tail = 0;
            for (int i = 0; i < expired.size(); i++) {
                expiryRecord.beginKey(writerId).writeBytes(view.keyBytes(expired.keyLocation(i), s));
                expiryRecord.endKey();
                expiryRecord.valueSink().writeBytes(view.valueBytes(expired.valueLocation(i), s));
                expiryRecord.finish(RecordType.REMOVE, RecordType.FLAG_EXPIRED, StoreEntry.ETERNAL, checksum);
                if (tail + expiryRecord.length() > stream.capacity()) {
                    break;
                }
                stream.write(tail, expiryRecord.array(), 0, expiryRecord.length());
                tail += expiryRecord.length();
            }
            expiryRecord.trim(ThreadScratch.RETAINED_BYTES);
            return tail;
        } finally {
            s.release();
        }
    }

    private static boolean isKeyOf(GenerationView view, long keyLocation, RecordBuilder record) {
        int keyLength = view.keyLength(keyLocation);
        return view.keyHash(keyLocation) == record.keyHash() && keyLength == record.keyLength()
                && view.segmentOf(keyLocation).bytesEqual(view.keyBytesAt(keyLocation), record.array(), RecordBuilder.KEY_OFFSET, keyLength);
    }

    /** The new generation is published already; a file left behind is removed by a later take-over or cleanup. */
    private void unlinkQuietly(String fileName) {
        try {
            directory.unlink(fileName);
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove old segment " + fileName + ": " + e);
        }
    }

    /** Stream capacity for a dump holding {@code entryBytes} bytes of entries. */
    /**
     * The stream capacity of the next generation, whose dump holds {@code entryBytes}, after a
     * generation whose stream held {@code lastCapacity} bytes and that lasted {@code lastLifetime} ms.
     */
    static long streamCapacityFor(StoreConfig config, long entryBytes, long lastCapacity, long lastLifetime) {
        long wanted = (long) (entryBytes * config.streamToDumpRatio());
        if (lastLifetime < BUSY_GENERATION_MILLIS) {
            wanted = Math.max(wanted, 2 * lastCapacity);
        } else if (lastLifetime < IDLE_GENERATION_MILLIS) {
            wanted = Math.max(wanted, lastCapacity);
        }
        long bounded = Math.max(config.streamMinBytes(), Math.min(config.streamMaxBytes(), wanted));
        return (bounded + 4095) & ~4095L;
    }

    /**
     * Removes generation files of this incarnation other than the current generation's: what a
     * writer that died left behind. Call under the lock, after taking it over from a dead owner.
     */
    void removeStaleGenerations() {
        long current = ControlSegment.generationOf(control.state());
        for (String file : directory.list(names.generationPrefix(incarnation))) {
            long generation = names.generationOf(file, incarnation);
            if (generation >= 0 && generation != current) {
                directory.unlink(file);
            }
        }
    }
}
