package io.ultracache.store;

import io.ultracache.shm.LocalLocks;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentMissingException;
import io.ultracache.shm.SegmentNames;
import io.ultracache.stream.DumpSegment;
import io.ultracache.stream.RecordBuilder;
import io.ultracache.stream.StreamBuffer;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps this process's {@link GenerationView} up to date with the state word: the "catching up"
 * of the design. {@link #current()} costs two loads when nothing changed; otherwise one thread
 * indexes the new records (or maps the new generation and indexes its stream from the start)
 * while the others wait for it.
 */
final class ViewTracker {
    private final ControlSegment control;
    private final SegmentDirectory directory;
    private final SegmentNames names;
    private final long incarnation;
    private final String storeName;
    private final HotValues hot;
    private final NearCache near;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile GenerationView view;
    /** Key bytes copied out of records while indexing; guarded by {@link #lock}. */
    private byte[] keyBuffer = new byte[256];

    ViewTracker(ControlSegment control, SegmentDirectory directory, SegmentNames names, String storeName,
                HotValues hot, NearCache near) {
        this.control = control;
        this.hot = hot;
        this.near = near;
        this.directory = directory;
        this.names = names;
        this.incarnation = control.incarnation();
        this.storeName = storeName;
    }

    /** A view that covers every record published before this call. */
    GenerationView current() {
        long state = control.state();
        GenerationView v = view;
        if (v != null && v.covers(state)) {
            return v;
        }
        return catchUp();
    }

    /**
     * What a writer can do before it takes the store's lock, so that it holds the lock for less
     * time: index the records other processes published since this process last looked (under the
     * lock only those published after this call remain), and take the page faults of its next
     * appends ({@link StreamBuffer#touchAhead}). Does nothing before the first view is open or once
     * the store is destroyed: the locked step deals with those.
     */
    void prepareToWrite() {
        catchUpIfFree();
        GenerationView v = view;
        // entered only to touch: another thread's catch-up may retire the view meanwhile
        if (v != null && v.stream.needsTouchAhead(v.syncedTail()) && v.enter()) {
            try {
                v.stream.touchAhead(v.syncedTail());
            } finally {
                v.exit();
            }
        }
    }

    /**
     * Indexes the records other processes published since this process last looked, unless
     * another thread of this process is doing so (it is, or the locked step will). What a writer
     * does before it takes the store's lock and while it waits for it: whatever it indexes then,
     * it need not index while holding the lock. Does nothing before the first view is open or once
     * the store is destroyed.
     */
    void catchUpIfFree() {
        GenerationView v = view;
        if (v == null) {
            return;
        }
        long state = control.state();
        if (!v.covers(state) && state != ControlSegment.DESTROYED && lock.tryLock()) {
            try {
                catchUp();
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * The current view (as {@link #current()}), {@link GenerationView#enter entered}: the caller
     * reads it without a lock and must {@link GenerationView#exit exit} it after.
     */
    GenerationView enter() {
        while (true) {
            GenerationView v = current();
            if (v.enter()) {
                return v;
            }
        }
    }

    /** Takes {@link #lock}, trying for a moment before queuing (the sections it guards are short). */
    private void lockSpinning() {
        if (!LocalLocks.tryLockSpinning(lock)) {
            lock.lock();
        }
    }

    /** Brings the view up to the state word now, and returns it. */
    GenerationView catchUp() {
        lockSpinning();
        try {
            while (true) {
                long state = control.state();
                if (state == ControlSegment.DESTROYED) {
                    throw destroyed();
                }
                long generation = ControlSegment.generationOf(state);
                long tail = ControlSegment.tailOf(state);
                GenerationView v = view;
                if (v != null && v.generation == generation) {
                    if (tail > v.syncedTail()) {
                        v.advanceTo(tail, this::keyBuffer, near);
                        sizeCaches(v);
                    }
                    return v;
                }
                GenerationView next;
                try {
                    next = GenerationView.open(directory, names, incarnation, generation);
                } catch (SegmentMissingException e) {
                    if (control.state() != state) {
                        continue; // a writer moved on and removed that generation: follow it
                    }
                    throw new StoreException("the segments of generation " + generation + " of cache '" + storeName
                            + "' are missing from " + directory.path() + " although the cache says they are current;"
                            + " they were removed from outside UltraCache. Destroy the cache"
                            + " (ultracache unlink) and create it again", e);
                }
                return switchTo(next, tail);
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Indexes a record this process just appended to {@code appendedTo} at {@code at} and
     * published (under the store's lock, so no other writer wrote meanwhile). Another thread of
     * this process may have caught up past it already, between the publication and this call: then
     * it is indexed, and indexing it again at the synced tail would misplace it, so only a view
     * still at {@code at} is advanced. A PUT's key and shareable value update the near cache's
     * entry of that key, if it has one, instead of dropping it.
     */
    void advanceByOwn(GenerationView appendedTo, long at, RecordBuilder record, Object key, Object sharedValue) {
        lockSpinning();
        try {
            if (view == appendedTo && appendedTo.syncedTail() == at) {
                appendedTo.advanceByOwn(record, near, key, sharedValue);
                sizeCaches(appendedTo); // a process that only writes must grow its caches too
            } else {
                catchUp();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Installs the view of a generation this process just wrote and published (so its segments
     * need not be mapped again). Call under the store's lock, right after publishing.
     */
    GenerationView adopt(long generation, DumpSegment dump, StreamBuffer stream) {
        lockSpinning();
        try {
            switchTo(new GenerationView(generation, dump, stream), ControlSegment.tailOf(control.state()));
            return catchUp();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Makes {@code next} the current view, indexed up to {@code tail}. First drops from the near
     * cache whatever changed between the old view and the new one: the rest of the old stream if
     * the new generation directly follows it, else (or if a value went straight into the new dump)
     * everything. Call under the lock.
     */
    private GenerationView switchTo(GenerationView next, long tail) {
        GenerationView old = view;
        boolean follows = old != null && next.generation == old.generation + 1 && old.invalidateRest(near);
        if (old != null && (!follows || next.dump.carriedEntry() != 0)) {
            near.invalidateAll();
        }
        if (old != null) {
            next.overlay.reserve(old.overlay.table().size()); // the next stream likely rewrites as many keys
        }
        next.advanceTo(tail, this::keyBuffer, near);
        sizeCaches(next);
        view = next;
        if (old != null) {
            old.retire();
        }
        return next;
    }

    /**
     * Retires the current view as the handle closes, so its mappings go once its last reader
     * leaves. Call under the store's lock.
     */
    void close() {
        lockSpinning();
        try {
            GenerationView v = view;
            view = null;
            if (v != null) {
                v.retire();
            }
        } finally {
            lock.unlock();
        }
    }

    private void sizeCaches(GenerationView v) {
        long entries = v.entryCountBound();
        hot.sizeFor(entries);
        near.sizeFor(entries);
    }

    /**
     * Adds a near-cache entry found by a lookup on {@code seen} at synced tail {@code tailSeen},
     * unless a catch-up ran since (it could have dropped an entry this one would then outlive).
     * Skips the entry rather than wait if another thread is catching up.
     */
    void fillNear(GenerationView seen, long tailSeen, Object key, Object value, long expiresAt) {
        if (lock.tryLock()) {
            try {
                if (view == seen && seen.syncedTail() == tailSeen) {
                    near.put(key, value, expiresAt);
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Runs {@code work} on the current view with no catch-up running meanwhile. Anything that uses
     * {@link #keyBuffer} must run in here.
     */
    <R> R withStableView(java.util.function.Function<GenerationView, R> work) {
        lockSpinning();
        try {
            return work.apply(catchUp());
        } finally {
            lock.unlock();
        }
    }

    /** A buffer for a key; guarded by {@link #lock}. */
    byte[] keyBuffer(int length) {
        if (keyBuffer.length < length) {
            keyBuffer = new byte[Math.max(length, keyBuffer.length * 2)];
        }
        return keyBuffer;
    }

    StoreClosedException destroyed() {
        return new StoreClosedException("cache '" + storeName + "' was destroyed (by this or another process);"
                + " open it again to use a new, empty cache", true);
    }
}
