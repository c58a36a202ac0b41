package io.ultracache.store;

import io.ultracache.serial.SerializationException;
import io.ultracache.serial.Serializer;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentMissingException;
import io.ultracache.shm.SegmentNames;
import io.ultracache.shm.SharedLock;
import io.ultracache.stream.RecordBuilder;
import io.ultracache.stream.RecordType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A map shared by the processes of one machine through shared memory: the engine under the JCache
 * provider, usable on its own.
 *
 * <h2>Guarantees</h2>
 * <ul>
 *   <li><b>Linearizable.</b> Every operation takes effect at one instant between its call and its
 *   return, in every process: an operation that starts after another completed, in any process,
 *   sees its effect. A read takes effect when it loads the store's state word; a write when it
 *   publishes it.</li>
 *   <li><b>Atomic.</b> Each write, and each {@link #update} as a whole, runs under the store's
 *   cross-process lock, so read-modify-write sequences are atomic across processes.</li>
 *   <li><b>No torn reads.</b> Published bytes are never changed; every value is checked against
 *   its checksum as it is copied out of shared memory.</li>
 *   <li><b>Crash safety.</b> A process killed at any instant loses at most the write it was making;
 *   the lock it held is taken over by the next process that needs it (its pid and start time tell
 *   that it died); a live owner is never robbed.</li>
 *   <li><b>Store by value.</b> Keys and values are serialized when written. Reads return a new
 *   object each time, except for values the serializer calls shareable (immutable, such as
 *   strings), which are decoded once per process and version.</li>
 * </ul>
 *
 * <p>Reads take no lock: when nothing changed they cost two loads and a hash lookup, and
 * allocate nothing for shareable values already decoded. Keys are compared by their serialized
 * bytes, so a key type must serialize deterministically. Handles are thread-safe.
 */
public final class SharedStore implements AutoCloseable {
    /** The shared property holding the serializer's id. */
    public static final String SERIALIZER_PROPERTY = "store.serializer";
    /** The shared property holding the store's namespace. */
    public static final String NAMESPACE_PROPERTY = "store.namespace";
    /** The shared property holding the store's name. */
    public static final String NAME_PROPERTY = "store.name";
    /**
     * Shared properties whose key starts with this are stored by the process that creates the
     * store, for others to read, but not compared when another process attaches.
     */
    public static final String CREATOR_PREFIX = "created.";

    private static final System.Logger LOG = System.getLogger(SharedStore.class.getName());
    private static final AtomicLong HANDLE_IDS = new AtomicLong();
    private static final int OPEN_ATTEMPTS = 20;

    private final StoreConfig config;
    private final SegmentDirectory directory;
    private final SegmentNames names;
    private final ControlSegment control;
    private final SharedLock lock;
    private final ViewTracker tracker;
    private final StoreWriter writer;
    /** What a writer does while another process holds the lock: what it indexes then, it need not index holding it. */
    private final Runnable catchUpWhileWaiting;
    private final HotValues hot;
    private final NearCache near;
    private final Serializer serializer;
    private final long lockTimeoutNanos;
    private final long handleId = HANDLE_IDS.incrementAndGet();
    /** Names this handle in the records it writes (random, so unique across processes). */
    private final long writerId = UUID.randomUUID().getLeastSignificantBits() | 1;
    private int processSlot = -1;
    private final List<StoreFeed> feeds = new ArrayList<>();
    private volatile boolean closed;

    private SharedStore(StoreConfig config, SegmentDirectory directory, SegmentNames names, ControlSegment control) {
        this.config = config;
        this.directory = directory;
        this.names = names;
        this.control = control;
        this.serializer = config.serializer();
        this.lockTimeoutNanos = config.lockTimeout().toNanos();
        this.lock = control.lock(directory, "cache '" + config.name() + "'");
        this.hot = new HotValues(config.hotValues());
        this.near = new NearCache(config.hotValues());
        this.tracker = new ViewTracker(control, directory, names, config.name(), hot, near);
        this.writer = new StoreWriter(control, directory, names, tracker, config, writerId);
        this.catchUpWhileWaiting = tracker::catchUpIfFree;
    }

    /**
     * Opens a store, creating it if it does not exist (unless the configuration says not to).
     *
     * @throws StoreIncompatibleException if the store exists with other shared properties
     * @throws StoreNotFoundException     if it does not exist and must not be created
     * @throws io.ultracache.shm.SegmentException if its segments cannot be created or are damaged
     */
    public static SharedStore open(StoreConfig config) {
        SegmentDirectory directory = SegmentDirectory.of(config.directory());
        SegmentNames names = SegmentNames.of(config.namespace(), config.name());
        String properties = StoreProperties.encode(config.sharedProperties());
        for (int attempt = 0; attempt < OPEN_ATTEMPTS; attempt++) {
            ControlSegment control;
            try {
                control = ControlSegment.open(directory, names.control());
            } catch (SegmentMissingException e) {
                if (!config.createIfMissing()) {
                    throw new StoreNotFoundException("there is no cache '" + config.name() + "' of '" + config.namespace()
                            + "' in " + directory.path());
                }
                long incarnation = UUID.randomUUID().getMostSignificantBits();
                control = ControlSegment.create(directory, names, incarnation, properties,
                        inc -> StoreWriter.createFirstGeneration(directory, names, inc, config));
                if (control == null) {
                    StoreWriter.removeGenerationFiles(directory, names, incarnation, 0);
                    continue; // another process created it first: open theirs
                }
            }
            SharedStore store = new SharedStore(config, directory, names, control);
            if (store.attach()) {
                return store;
            }
        }
        throw new StoreException("could not open cache '" + config.name() + "' in " + directory.path() + " after "
                + OPEN_ATTEMPTS + " attempts: other processes kept destroying it while it was being opened");
    }

    /**
     * The shared properties of an existing store, or empty if there is none; for a process that
     * wants to attach with the configuration the store was created with.
     */
    public static Optional<Map<String, String>> readProperties(Path directory, String namespace, String name) {
        SegmentDirectory dir = SegmentDirectory.of(directory);
        SegmentNames names = SegmentNames.of(namespace, name);
        try {
            ControlSegment control = ControlSegment.open(dir, names.control());
            if (control.state() == ControlSegment.DESTROYED) {
                return Optional.empty();
            }
            return Optional.of(StoreProperties.decode(control.properties()));
        } catch (SegmentMissingException e) {
            return Optional.empty();
        }
    }

    /** Registers this handle in the process table; false if the store was destroyed meanwhile. */
    private boolean attach() {
        lock();
        try {
            if (control.state() == ControlSegment.DESTROYED) {
                return false;
            }
            Map<String, String> theirs = StoreProperties.decode(control.properties());
            String differences = StoreProperties.differences(config.sharedProperties(), theirs);
            if (!differences.isEmpty()) {
                throw new StoreIncompatibleException("cache '" + config.name() + "' of '" + config.namespace() + "' in "
                        + directory.path() + " exists with another configuration:" + differences
                        + "\nEvery process must open a cache with the same configuration; or destroy the cache"
                        + " (ultracache unlink) to create it anew.");
            }
            processSlot = control.claimProcessSlot(handleId);
            if (processSlot < 0) {
                throw new StoreException("cache '" + config.name() + "' already has " + ControlSegment.PROCESS_SLOTS
                        + " open handles in live processes, the most it can track; close some");
            }
        } finally {
            lock.unlock();
        }
        tracker.current();
        return true;
    }

    /** Does what a write can do before it takes the lock (see {@link ViewTracker#prepareToWrite}), then takes it. */
    private void lockToWrite() {
        tracker.prepareToWrite();
        lock();
    }

    /** Takes the cross-process lock; after taking it from a dead owner, removes what that owner left. */
    private void lock() {
        if (lock.lock(lockTimeoutNanos, catchUpWhileWaiting)) {
            control.countTakeover();
            LOG.log(System.Logger.Level.INFO, "cache ''{0}'': took over the lock of a process that died holding it", config.name());
            try {
                if (control.state() != ControlSegment.DESTROYED) {
                    writer.removeStaleGenerations();
                }
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "cache '" + config.name() + "': could not remove stale segments: " + e);
            }
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StoreClosedException("cache '" + config.name() + "' is closed in this process", false);
        }
    }

    public String name() {
        return config.name();
    }

    public StoreConfig config() {
        return config;
    }

    public Serializer serializer() {
        return serializer;
    }

    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether the store was destroyed, by this or another process: every operation on this handle
     * then fails with {@link StoreClosedException}. One volatile load; works on a closed handle too.
     */
    public boolean isDestroyed() {
        return control.state() == ControlSegment.DESTROYED;
    }

    /** The shared properties the store was created with. */
    public Map<String, String> properties() {
        return StoreProperties.decode(control.properties());
    }

    // ---------------------------------------------------------------- encoding

    private void encodeKey(ThreadScratch s, Object key) {
        Objects.requireNonNull(key, "key");
        encode(s.record.beginKey(writerId), key, "key");
        s.record.endKey();
        if (NearCache.holdsKey(key)) {
            s.record.keyJavaHash(key.hashCode());
        }
    }

    private void encodeValue(ThreadScratch s, Object value) {
        Objects.requireNonNull(value, "value");
        encode(s.record.valueSink(), value, "value");
    }

    private void encode(io.ultracache.serial.ByteSink sink, Object object, String what) {
        try {
            serializer.write(object, sink);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException | StackOverflowError e) {
            throw new SerializationException("cannot store a " + what + " of class " + object.getClass().getName()
                    + " in cache '" + config.name() + "': serializer '" + serializer.id() + "' failed: " + e
                    + "; the cache is unchanged", e);
        }
    }

    private static boolean expired(long expiresAt) {
        return expiresAt != StoreEntry.ETERNAL && expiresAt <= System.currentTimeMillis();
    }

    // ---------------------------------------------------------------- reads

    /**
     * The value of {@code key}, or null if it has none or it expired. Takes no lock. For strings,
     * boxed numbers and UUIDs with immutable values a repeated read is answered from this
     * process's near cache, kept exact by catching up first.
     */
    public Object get(Object key) {
        checkOpen();
        GenerationView view = tracker.current(); // first: the near cache is exact only after catching up
        boolean nearKey = NearCache.holdsKey(Objects.requireNonNull(key, "key"));
        if (nearKey) {
            Object cached = near.get(key);
            if (cached != null) {
                return cached;
            }
        }
        if (!view.enter()) {
            view = tracker.enter(); // retired and unmapped meanwhile: a newer view answers as well
        }
        ThreadScratch s = ThreadScratch.acquire();
        try {
            long tailSeen = view.syncedTail();
            encodeKey(s, key);
            long location = view.locate(s);
            if (location == Location.NONE || expired(s.expiresAt)) {
                return null;
            }
            Object value = view.decodeValue(location, s, serializer, hot);
            if (nearKey && serializer.isShareable(value)) {
                tracker.fillNear(view, tailSeen, key, value, s.expiresAt);
            }
            return value;
        } finally {
            s.release();
            view.exit();
        }
    }

    /** The entry of {@code key} including one that has expired (check {@link StoreEntry#isExpiredAt}), or null. */
    public StoreEntry getEntry(Object key) {
        checkOpen();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            encodeKey(s, key);
            GenerationView view = tracker.enter();
            try {
                return entryOf(key, s, view);
            } finally {
                view.exit();
            }
        } finally {
            s.release();
        }
    }

    private StoreEntry entryOf(Object key, ThreadScratch s, GenerationView view) {
        long location = view.locate(s);
        if (location == Location.NONE) {
            return null;
        }
        long expiresAt = s.expiresAt;
        return new StoreEntry(key, view.decodeValue(location, s, serializer, hot), expiresAt);
    }

    /** Whether {@code key} has an entry that has not expired. Takes no lock. */
    public boolean containsKey(Object key) {
        checkOpen();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            encodeKey(s, key);
            GenerationView view = tracker.enter();
            try {
                return view.locate(s) != Location.NONE && !expired(s.expiresAt);
            } finally {
                view.exit();
            }
        } finally {
            s.release();
        }
    }

    /**
     * The live entries, read from a snapshot taken now; values are decoded as the iterator reaches
     * them. The iterator holds the snapshot's generation mapped until it is exhausted, or, if it is
     * dropped before, until the garbage collector finds it unreachable.
     */
    public Iterator<StoreEntry> iterator() {
        checkOpen();
        long now = System.currentTimeMillis();
        GenerationView[] view = new GenerationView[1];
        LiveEntries live = tracker.withStableView(v -> {
            LiveEntries entries = v.liveEntries(now, tracker::keyBuffer);
            v.enter(); // the current view, under the tracker's lock: it cannot have been retired
            view[0] = v;
            return entries;
        });
        return new SnapshotIterator(view[0], live);
    }

    /** Lets go of the generations held mapped by iterators dropped before their end (its thread starts with the first iterator). */
    private static final class Leases {
        static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();
    }

    private final class SnapshotIterator implements Iterator<StoreEntry> {
        private final GenerationView view;
        private final LiveEntries live;
        private final java.lang.ref.Cleaner.Cleanable lease;
        private int next;

        /** Takes over the reader's place {@code view} was entered with; gives it up once, when exhausted or unreachable. */
        SnapshotIterator(GenerationView view, LiveEntries live) {
            this.view = view;
            this.live = live;
            this.lease = Leases.CLEANER.register(this, view::exit);
        }

        @Override
        public boolean hasNext() {
            if (next < live.size()) {
                return true;
            }
            lease.clean();
            return false;
        }

        @Override
        public StoreEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            checkOpen();
            int i = next++;
            ThreadScratch s = ThreadScratch.acquire();
            try {
                Object key = view.decodeKey(live.keyLocation(i), s, serializer);
                Object value = view.decodeValue(live.valueLocation(i), s, serializer, hot);
                return new StoreEntry(key, value, live.expiresAt(i));
            } finally {
                s.release();
                if (next == live.size()) {
                    lease.clean();
                }
            }
        }
    }

    /** Number of live entries now (counts them: O(size)). */
    public long size() {
        checkOpen();
        long now = System.currentTimeMillis();
        return tracker.withStableView(v -> v.liveEntries(now, tracker::keyBuffer).size());
    }

    // ---------------------------------------------------------------- writes

    /** Maps {@code key} to {@code value} until {@code expiresAt} (epoch millis, or {@link StoreEntry#ETERNAL}). */
    public void put(Object key, Object value, long expiresAt) {
        checkOpen();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            putLocked(s, key, value, expiresAt, true);
        } finally {
            s.release();
        }
    }

    /** Encodes before locking, so a value that cannot be serialized never takes the lock. */
    private void putLocked(ThreadScratch s, Object key, Object value, long expiresAt, boolean takeLock) {
        encodeKey(s, key);
        encodeValue(s, value);
        s.record.finish(RecordType.PUT, (byte) 0, expiresAt, s.checksum);
        if (takeLock) {
            lockToWrite();
        }
        try {
            // a string, boxed number or UUID key's cached value becomes the immutable object stored
            if (NearCache.holdsKey(key)) {
                writer.append(s.record, key, serializer.isShareable(value) ? value : null);
            } else {
                writer.append(s.record);
            }
        } finally {
            if (takeLock) {
                lock.unlock();
            }
        }
    }

    /** Removes {@code key}; returns whether it had an entry that had not expired. */
    public boolean remove(Object key) {
        checkOpen();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            encodeKey(s, key);
            lockToWrite();
            try {
                return removeLocked(s, false);
            } finally {
                lock.unlock();
            }
        } finally {
            s.release();
        }
    }

    private boolean removeLocked(ThreadScratch s, boolean onlyIfExpired) {
        GenerationView view = tracker.current();
        long location = view.locate(s);
        if (location == Location.NONE) {
            return false;
        }
        boolean isExpired = expired(s.expiresAt);
        if (onlyIfExpired && !isExpired) {
            return false;
        }
        io.ultracache.serial.ByteSink sink = s.record.rewindToKeyEnd();
        if (isExpired) {
            sink.writeBytes(view.valueBytes(location, s)); // an EXPIRED event reports the value
        }
        s.record.finish(RecordType.REMOVE, isExpired ? RecordType.FLAG_EXPIRED : 0, StoreEntry.ETERNAL, s.checksum);
        writer.append(s.record);
        return onlyIfExpired || !isExpired;
    }

    private boolean touchLocked(ThreadScratch s, long expiresAt) {
        long location = tracker.current().locate(s);
        if (location == Location.NONE || expired(s.expiresAt)) {
            return false;
        }
        s.record.finishTouch(expiresAt, location, s.checksum);
        writer.append(s.record);
        return true;
    }

    /** Removes every entry. */
    public void clear() {
        checkOpen();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            lockToWrite();
            try {
                clearLocked(s);
            } finally {
                lock.unlock();
            }
        } finally {
            s.release();
        }
    }

    private void clearLocked(ThreadScratch s) {
        s.record.beginKey(writerId);
        s.record.endKey();
        s.record.finish(RecordType.CLEAR, (byte) 0, StoreEntry.ETERNAL, s.checksum);
        writer.append(s.record);
    }

    /**
     * Runs {@code work} under the store's cross-process lock, with a transaction that sees the
     * current state and writes through to it; returns what {@code work} returns. Keep it short:
     * other processes' writes wait meanwhile (and fail after their lock timeout).
     */
    public <R> R update(Function<StoreTransaction, R> work) {
        checkOpen();
        lockToWrite();
        try {
            tracker.current();
            Transaction transaction = new Transaction();
            try {
                return work.apply(transaction);
            } finally {
                transaction.active = false;
            }
        } finally {
            lock.unlock();
        }
    }

    /** The transaction of one {@link #update} call. */
    private final class Transaction implements StoreTransaction {
        boolean active = true;

        private ThreadScratch begin() {
            if (!active || !lock.isHeldByCurrentThread()) {
                throw new IllegalStateException("a store transaction is only valid inside its update call, on its thread");
            }
            checkOpen();
            return ThreadScratch.acquire();
        }

        @Override
        public StoreEntry get(Object key) {
            ThreadScratch s = begin();
            try {
                encodeKey(s, key);
                return entryOf(key, s, tracker.current());
            } finally {
                s.release();
            }
        }

        @Override
        public void put(Object key, Object value, long expiresAt) {
            ThreadScratch s = begin();
            try {
                putLocked(s, key, value, expiresAt, false);
            } finally {
                s.release();
            }
        }

        @Override
        public boolean remove(Object key) {
            ThreadScratch s = begin();
            try {
                encodeKey(s, key);
                return removeLocked(s, false);
            } finally {
                s.release();
            }
        }

        @Override
        public boolean removeExpired(Object key) {
            ThreadScratch s = begin();
            try {
                encodeKey(s, key);
                return removeLocked(s, true);
            } finally {
                s.release();
            }
        }

        @Override
        public boolean touch(Object key, long expiresAt) {
            ThreadScratch s = begin();
            try {
                encodeKey(s, key);
                return touchLocked(s, expiresAt);
            } finally {
                s.release();
            }
        }

        @Override
        public void clear() {
            ThreadScratch s = begin();
            try {
                clearLocked(s);
            } finally {
                s.release();
            }
        }
    }

    // ---------------------------------------------------------------- shared statistics

    /**
     * Adds to this handle's counter in shared memory (an uncontended atomic add). The totals over
     * every process, present and past, are in {@link #counterTotals()}.
     */
    public void count(StoreCounter counter, long delta) {
        control.count(processSlot, counter, delta);
    }

    /** This handle's counter. */
    public long counter(StoreCounter counter) {
        return control.counter(processSlot, counter);
    }

    /** Totals of each counter over every handle of every process that used the store, by ordinal. */
    public long[] counterTotals() {
        return control.counterTotals();
    }

    // ---------------------------------------------------------------- changes of other processes

    /**
     * Starts a background thread that reports every change to the store made after this call,
     * by any handle in any process, in stream order (see {@link StoreFeed}). Close the feed to
     * stop it; closing or destroying this handle stops it too.
     */
    public StoreFeed follow(StoreFeed.Listener listener) {
        checkOpen();
        StoreFeed[] created = new StoreFeed[1];
        created[0] = new StoreFeed(control, directory, names, serializer, writerId, config.name(), listener,
                () -> unfollow(created[0]));
        synchronized (feeds) {
            feeds.add(created[0]);
        }
        changeFollowers(1);
        return created[0];
    }

    private void unfollow(StoreFeed feed) {
        boolean known;
        synchronized (feeds) {
            known = feeds.remove(feed);
        }
        if (known) {
            changeFollowers(-1);
        }
    }

    private void changeFollowers(long delta) {
        try {
            lock();
            try {
                control.addFollowers(processSlot, delta);
            } finally {
                lock.unlock();
            }
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache '" + config.name() + "': could not record a change of followers: " + e);
        }
    }

    /**
     * Whether any handle of any live process follows this store's changes ({@link #follow}) now:
     * then a process that finds an entry expired should remove it with {@link StoreTransaction#removeExpired},
     * so the followers hear of it. One volatile load.
     */
    public boolean hasFollowers() {
        return control.hasFollowers();
    }

    private void closeFeeds() {
        List<StoreFeed> open;
        synchronized (feeds) {
            open = new ArrayList<>(feeds);
        }
        open.forEach(StoreFeed::close);
    }

    // ---------------------------------------------------------------- lifecycle

    /** The store as it is now. */
    public StoreStatus status() {
        checkOpen();
        return tracker.withStableView(v -> StoreStatus.of(control, v, directory.path()));
    }

    /**
     * Closes this handle. If it was the last handle of any live process and the configuration
     * says so (the default), the store's segments are removed. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeFeeds();
        try {
            lock();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cache '" + config.name() + "': closed without detaching, the lock"
                    + " could not be taken: " + e.getMessage());
            return;
        }
        try {
            control.releaseProcessSlot(processSlot, handleId);
            if (config.unlinkOnLastClose() && control.state() != ControlSegment.DESTROYED && control.liveAttachments() == 0) {
                destroyLocked();
            }
        } finally {
            tracker.close();
            lock.unlock();
        }
    }

    /**
     * Destroys the store for every process: its segments are removed, and every other handle's
     * next operation fails with {@link StoreClosedException}. Closes this handle.
     */
    public void destroy() {
        synchronized (this) {
            closed = true;
        }
        closeFeeds();
        lock();
        try {
            control.releaseProcessSlot(processSlot, handleId);
            if (control.state() != ControlSegment.DESTROYED) {
                destroyLocked();
            }
        } finally {
            tracker.close();
            lock.unlock();
        }
    }

    /**
     * Marks the store destroyed, then removes this incarnation's generation files and the control
     * file, the control file last: until it is gone no new store of the same name can be created,
     * so nothing of a successor is ever removed.
     */
    private void destroyLocked() {
        long incarnation = control.incarnation();
        control.markDestroyed();
        for (String file : directory.list(names.generationPrefix(incarnation))) {
            directory.unlink(file);
        }
        directory.unlink(names.control());
    }

    @Override
    public String toString() {
        return "SharedStore[" + config.namespace() + " / " + config.name() + (closed ? ", closed" : "") + "]";
    }

    /** For tests and tools: the lock timeout in milliseconds. */
    long lockTimeoutMillis() {
        return TimeUnit.NANOSECONDS.toMillis(lockTimeoutNanos);
    }
}
