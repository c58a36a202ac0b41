package io.ultracache.store;

import io.ultracache.serial.Serializer;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentException;
import io.ultracache.shm.SegmentMissingException;
import io.ultracache.shm.SegmentNames;
import io.ultracache.stream.RecordBuilder;
import io.ultracache.stream.RecordType;
import io.ultracache.stream.StreamBuffer;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Follows a store's records in a background thread and reports each change, with the value it
 * replaced, to a listener: how a process learns of other processes' writes.
 *
 * <p>The feed keeps its own view of the store (its own overlay over the shared segments), one
 * record behind what it reports: for each new record it looks up the key's entry before applying
 * it, so it knows whether the record created, updated or removed an entry and what the old value
 * was. Changes are reported in the order of the stream, hence in order for each key.
 *
 * <p>When a new generation starts, the feed first reads the rest of its generation's stream (the
 * writer seals it with its final tail), then moves on; a value that went straight into the new
 * dump is reported as a change too. A feed that falls more than one generation behind (the files
 * of the generation between are gone) compares its view with the newest one and reports the
 * difference: each key's final state is right, intermediate values are skipped. A CLEAR is reported
 * as nothing (JCache's {@code clear} notifies no listener).
 *
 * <p>Waiting: the thread spins briefly after each change, then parks with back-off up to
 * {@value #MAX_PARK_MICROS} microseconds, so an idle feed costs little and a busy one reports
 * within microseconds.
 */
public final class StoreFeed implements AutoCloseable {
    /** Receives changes on the feed's thread. */
    @FunctionalInterface
    public interface Listener {
        void onChange(StoreChange change);

        /** The store was destroyed; the feed stops. */
        default void onDestroyed() {
        }
    }

    private static final System.Logger LOG = System.getLogger(StoreFeed.class.getName());
    static final long MAX_PARK_MICROS = 1000;
    private static final int SPINS = 2000;

    private final ControlSegment control;
    private final SegmentDirectory directory;
    private final SegmentNames names;
    private final long incarnation;
    private final Serializer serializer;
    private final long ownWriterId;
    private final Listener listener;
    private final String storeName;
    private final NearCache noNearCache = new NearCache(0);
    private final HotValues noHotValues = new HotValues(0);
    private final RecordBuilder key = new RecordBuilder();
    private final Thread thread;
    private final Runnable onClose;
    private volatile boolean running = true;
    private GenerationView view;
    private byte[] keyBuffer = new byte[256];

    StoreFeed(ControlSegment control, SegmentDirectory directory, SegmentNames names, Serializer serializer,
              long ownWriterId, String storeName, Listener listener, Runnable onClose) {
        this.onClose = onClose;
        this.control = control;
        this.directory = directory;
        this.names = names;
        this.incarnation = control.incarnation();
        this.serializer = serializer;
        this.ownWriterId = ownWriterId;
        this.storeName = storeName;
        this.listener = listener;
        this.view = openCurrent();
        this.thread = new Thread(this::run, "ultracache-feed-" + storeName);
        thread.setDaemon(true);
        thread.start();
    }

    /** The current generation, indexed up to the current tail: changes after this point are reported. */
    private GenerationView openCurrent() {
        while (true) {
            long state = control.state();
            if (state == ControlSegment.DESTROYED) {
                throw new StoreClosedException("cache '" + storeName + "' was destroyed", true);
            }
            try {
                GenerationView v = GenerationView.open(directory, names, incarnation, ControlSegment.generationOf(state));
                v.advanceTo(ControlSegment.tailOf(state), this::keyBuffer, noNearCache);
                return v;
            } catch (SegmentMissingException e) {
                if (control.state() == state) {
                    throw e;
                }
            }
        }
    }

    private byte[] keyBuffer(int length) {
        if (keyBuffer.length < length) {
            keyBuffer = new byte[Math.max(length, keyBuffer.length * 2)];
        }
        return keyBuffer;
    }

    /** Follows the store until closed; the views are this thread's alone, so it unmaps each as it leaves it. */
    private void run() {
        try {
            followUntilClosed();
        } finally {
            view.retire();
        }
    }

    private void followUntilClosed() {
        int idle = 0;
        long park = 1_000;
        while (running) {
            try {
                long state = control.state();
                if (state == ControlSegment.DESTROYED) {
                    listener.onDestroyed();
                    return;
                }
                if (view.covers(state)) {
                    if (++idle < SPINS) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(park);
                        park = Math.min(park * 2, TimeUnit.MICROSECONDS.toNanos(MAX_PARK_MICROS));
                    }
                    continue;
                }
                idle = 0;
                park = 1_000;
                follow(state);
            } catch (SegmentException | StoreException e) {
                LOG.log(System.Logger.Level.WARNING, "cache '" + storeName + "': change feed stopped: " + e.getMessage());
                return;
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cache '" + storeName + "': a change listener failed; the feed goes on", e);
            }
        }
    }

    /** Reports what the state word publishes beyond the view. */
    private void follow(long state) {
        long generation = ControlSegment.generationOf(state);
        if (generation == view.generation) {
            report(view, ControlSegment.tailOf(state));
            return;
        }
        long sealed = view.stream.sealedTail();
        if (sealed >= view.syncedTail()) {
            report(view, sealed);
        }
        GenerationView next;
        try {
            next = GenerationView.open(directory, names, incarnation, view.generation + 1);
        } catch (SegmentMissingException e) {
            next = null; // that generation is gone already: compare with the newest instead
        }
        GenerationView old = view;
        if (next != null) {
            long carried = next.dump.carriedEntry();
            if (carried != 0) {
                reportCarried(next, carried);
            }
            view = next;
        } else {
            GenerationView newest = openCurrentAtDump();
            reportDifference(view, newest);
            view = newest;
        }
        old.retire();
    }

    /** The newest generation, with nothing of its stream indexed yet. */
    private GenerationView openCurrentAtDump() {
        while (true) {
            long state = control.state();
            try {
                return GenerationView.open(directory, names, incarnation, ControlSegment.generationOf(state));
            } catch (SegmentMissingException e) {
                if (control.state() == state) {
                    throw e;
                }
            }
        }
    }

    /** Reports and applies the records of {@code v} from its synced tail up to {@code tail}, one by one. */
    private void report(GenerationView v, long tail) {
        StreamBuffer stream = v.stream;
        while (v.syncedTail() < tail && running) {
            long record = v.syncedTail();
            stream.checkRecord(record, tail);
            StoreChange change = changeOf(v, record);
            v.advanceTo(record + stream.recordLength(record), this::keyBuffer, noNearCache);
            if (change != null) {
                listener.onChange(change);
            }
        }
    }

    /** The change a record makes to {@code v} (where it is not applied yet), or null if none. */
    private StoreChange changeOf(GenerationView v, long record) {
        StreamBuffer stream = v.stream;
        byte type = stream.type(record);
        if (type == RecordType.CLEAR || type == RecordType.TOUCH) {
            return null;
        }
        boolean own = stream.writerId(record) == ownWriterId;
        ThreadScratch s = ThreadScratch.acquire();
        try {
            int keyLength = stream.keyLength(record);
            byte[] keyBytes = new byte[keyLength];
            stream.segment().getBytes(StreamBuffer.keyAt(record), keyBytes, 0, keyLength);
            long oldLocation = locate(v, keyBytes, s);
            long oldExpiry = s.expiresAt;
            boolean hadEntry = oldLocation != Location.NONE && oldExpiry > System.currentTimeMillis();
            long recordLocation = Location.inStream(record);
            java.util.function.Supplier<Object> keyOf = () -> decodeKey(v, recordLocation);
            java.util.function.Supplier<Object> old = oldLocation == Location.NONE ? null : () -> decodeValue(v, oldLocation);
            if (type == RecordType.PUT) {
                return new StoreChange(hadEntry ? StoreChange.Kind.UPDATED : StoreChange.Kind.CREATED, keyOf,
                        () -> decodeValue(v, recordLocation), hadEntry ? old : null, stream.expiresAt(record), own);
            }
            if ((stream.flags(record) & RecordType.FLAG_EXPIRED) != 0) {
                java.util.function.Supplier<Object> removed = () -> decodeValue(v, recordLocation);
                return new StoreChange(StoreChange.Kind.EXPIRED, keyOf, removed, removed, StoreEntry.ETERNAL, own);
            }
            return oldLocation == Location.NONE ? null
                    : new StoreChange(hadEntry ? StoreChange.Kind.REMOVED : StoreChange.Kind.EXPIRED, keyOf, hadEntry ? null : old,
                            old, StoreEntry.ETERNAL, own);
        } finally {
            s.release();
        }
    }

    /** A value too large for any stream went straight into the new dump: report it as a change of {@link #view}. */
    private void reportCarried(GenerationView next, long entry) {
        ThreadScratch s = ThreadScratch.acquire();
        StoreChange change;
        try {
            long location = Location.inDump(entry);
            byte[] keyBytes = next.keyBytes(location, s);
            GenerationView old = view;
            long oldLocation = locate(old, keyBytes, s);
            boolean hadEntry = oldLocation != Location.NONE && s.expiresAt > System.currentTimeMillis();
            change = new StoreChange(hadEntry ? StoreChange.Kind.UPDATED : StoreChange.Kind.CREATED,
                    () -> decodeKey(next, location), () -> decodeValue(next, location),
                    hadEntry ? () -> decodeValue(old, oldLocation) : null, next.dump.expiresAt(entry), false);
        } finally {
            s.release();
        }
        listener.onChange(change);
    }

    /**
     * The feed fell behind by more than one generation: report, for each key, how its entry in
     * {@code old} differs from its entry in {@code newest} (at the newest dump).
     */
    private void reportDifference(GenerationView old, GenerationView newest) {
        long now = System.currentTimeMillis();
        LiveEntries expiredBefore = new LiveEntries(0);
        LiveEntries before = old.liveEntries(now, this::keyBuffer, expiredBefore);
        LiveEntries after = newest.liveEntries(now, this::keyBuffer);
        ThreadScratch s = ThreadScratch.acquire();
        java.util.List<StoreChange> changes = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < after.size(); i++) {
                long keyLocation = after.keyLocation(i);
                long valueLocation = after.valueLocation(i);
                long oldLocation = locate(old, newest.keyBytes(keyLocation, s), s);
                boolean hadEntry = oldLocation != Location.NONE && s.expiresAt > now;
                if (!hadEntry || old.originOf(oldLocation) != newest.originOf(valueLocation)) {
                    changes.add(new StoreChange(hadEntry ? StoreChange.Kind.UPDATED : StoreChange.Kind.CREATED,
                            () -> decodeKey(newest, keyLocation), () -> decodeValue(newest, valueLocation),
                            hadEntry ? () -> decodeValue(old, oldLocation) : null, after.expiresAt(i), false));
                }
            }
            reportGone(old, newest, before, StoreChange.Kind.REMOVED, s, changes);
            // entries that expired unannounced: the records that said so were in a generation this feed never saw
            reportGone(old, newest, expiredBefore, StoreChange.Kind.EXPIRED, s, changes);
        } finally {
            s.release();
        }
        for (StoreChange change : changes) {
            listener.onChange(change);
        }
    }

    /** Adds a change of {@code kind} for each of {@code entries} of {@code old} that {@code newest} no longer has. */
    private void reportGone(GenerationView old, GenerationView newest, LiveEntries entries, StoreChange.Kind kind,
                            ThreadScratch s, java.util.List<StoreChange> changes) {
        for (int i = 0; i < entries.size(); i++) {
            long keyLocation = entries.keyLocation(i);
            long valueLocation = entries.valueLocation(i);
            if (locate(newest, old.keyBytes(keyLocation, s), s) == Location.NONE) {
                java.util.function.Supplier<Object> value = () -> decodeValue(old, valueLocation);
                changes.add(new StoreChange(kind, () -> decodeKey(old, keyLocation),
                        kind == StoreChange.Kind.EXPIRED ? value : null, value, StoreEntry.ETERNAL, false));
            }
        }
    }

    /** Looks {@code keyBytes} up in {@code v}; sets {@code s.expiresAt}. */
    private long locate(GenerationView v, byte[] keyBytes, ThreadScratch s) {
        key.beginKey(0).writeBytes(keyBytes);
        key.endKey();
        return v.locate(key, s);
    }

    private Object decodeKey(GenerationView v, long keyLocation) {
        ThreadScratch s = ThreadScratch.acquire();
        try {
            return v.decodeKey(keyLocation, s, serializer);
        } finally {
            s.release();
        }
    }

    private Object decodeValue(GenerationView v, long valueLocation) {
        ThreadScratch s = ThreadScratch.acquire();
        try {
            return v.decodeValue(valueLocation, s, serializer, noHotValues);
        } finally {
            s.release();
        }
    }

    /** Whether the feed's thread is running. */
    public boolean isRunning() {
        return running && thread.isAlive();
    }

    /** Stops the feed and waits (up to a second) for its thread to end. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (!running) {
                return;
            }
            running = false;
        }
        onClose.run();
        LockSupport.unpark(thread);
        if (Thread.currentThread() != thread) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
