package io.ultracache.store;

import io.ultracache.shm.ProcessIdentity;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.shm.SegmentException;
import io.ultracache.shm.SegmentFormatException;
import io.ultracache.shm.SegmentMissingException;
import io.ultracache.shm.SegmentNames;
import io.ultracache.shm.SharedLock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stores in one segment directory, seen from outside: for monitoring and for the command
 * line. Nothing here attaches to a store, so looking at a store never keeps it alive or removes it.
 */
public final class StoreDirectory {
    private final SegmentDirectory directory;

    private StoreDirectory(SegmentDirectory directory) {
        this.directory = directory;
    }

    public static StoreDirectory of(Path path) {
        return new StoreDirectory(SegmentDirectory.of(path));
    }

    public Path path() {
        return directory.path();
    }

    /** A live entry as raw serialized bytes. */
    public static final class RawEntry {
        private final byte[] key;
        private final byte[] value;
        private final long expiresAt;

        RawEntry(byte[] key, byte[] value, long expiresAt) {
            this.key = key;
            this.value = value;
            this.expiresAt = expiresAt;
        }

        public byte[] key() {
            return key.clone();
        }

        public byte[] value() {
            return value.clone();
        }

        public long expiresAt() {
            return expiresAt;
        }

        /** Decodes the key with {@code serializer}. */
        public Object decodeKey(io.ultracache.serial.Serializer serializer) {
            return serializer.read(new io.ultracache.serial.ByteSource(key, 0, key.length));
        }

        /** Decodes the value with {@code serializer}. */
        public Object decodeValue(io.ultracache.serial.Serializer serializer) {
            return serializer.read(new io.ultracache.serial.ByteSource(value, 0, value.length));
        }
    }

    /** A problem with one file, found while listing or cleaning up. */
    public static final class Problem {
        private final String file;
        private final String message;

        Problem(String file, String message) {
            this.file = file;
            this.message = message;
        }

        public String file() {
            return file;
        }

        public String message() {
            return message;
        }
    }

    /** What {@link #cleanup} did. */
    public static final class CleanupReport {
        private final List<String> removed = new ArrayList<>();
        private final List<String> kept = new ArrayList<>();
        private final List<Problem> problems = new ArrayList<>();

        /** Files removed. */
        public List<String> removed() {
            return removed;
        }

        /** Stores kept, with the reason. */
        public List<String> kept() {
            return kept;
        }

        public List<Problem> problems() {
            return problems;
        }
    }

    private List<String> controlFiles() {
        List<String> files = new ArrayList<>();
        for (String name : directory.list(SegmentNames.PREFIX)) {
            if (name.endsWith(SegmentNames.CONTROL_SUFFIX)) {
                files.add(name);
            }
        }
        files.sort(null);
        return files;
    }

    /** The status of every store in the directory; damaged control segments are reported as problems. */
    public List<StoreStatus> stores(List<Problem> problems) {
        List<StoreStatus> stores = new ArrayList<>();
        for (String file : controlFiles()) {
            try {
                Inspection inspection = inspect(file);
                if (inspection != null) {
                    stores.add(StoreStatus.of(inspection.control, inspection.view(), directory.path()));
                }
            } catch (SegmentException | StoreException e) {
                problems.add(new Problem(file, e.getMessage()));
            }
        }
        return stores;
    }

    /** The status of one store, or null if there is none of that namespace and name. */
    public StoreStatus store(String namespace, String name) {
        Inspection inspection = inspect(SegmentNames.of(namespace, name).control());
        return inspection == null ? null : StoreStatus.of(inspection.control, inspection.view(), directory.path());
    }

    /** Up to {@code limit} live entries of a store, as raw bytes (checksums verified). */
    public List<RawEntry> entries(StoreStatus store, int limit) {
        Inspection inspection = inspect(store.controlFile());
        if (inspection == null) {
            return List.of();
        }
        GenerationView view = inspection.view();
        LiveEntries live = view.liveEntries(System.currentTimeMillis(), inspection.tracker::keyBuffer);
        List<RawEntry> entries = new ArrayList<>();
        ThreadScratch s = ThreadScratch.acquire();
        try {
            for (int i = 0; i < live.size() && entries.size() < limit; i++) {
                entries.add(new RawEntry(view.keyBytes(live.keyLocation(i), s), view.valueBytes(live.valueLocation(i), s),
                        live.expiresAt(i)));
            }
        } finally {
            s.release();
        }
        return entries;
    }

    /**
     * Destroys a store for every process (as {@link SharedStore#destroy()} does), taking its lock
     * first so no write is cut in half. With {@code force}, a lock held by a live process that does
     * not let go within the timeout is ignored.
     */
    public void unlink(StoreStatus store, Duration lockTimeout, boolean force) {
        Inspection inspection = inspect(store.controlFile());
        if (inspection == null) {
            return;
        }
        SharedLock lock = inspection.lock();
        boolean locked = false;
        try {
            lock.lock(lockTimeout.toNanos());
            locked = true;
        } catch (io.ultracache.shm.LockTimeoutException e) {
            if (!force) {
                throw e;
            }
        }
        try {
            removeStore(inspection.control, SegmentNames.of(store.namespace(), store.name()).base());
        } finally {
            if (locked) {
                lock.unlock();
            }
        }
    }

    /**
     * Removes what no live process uses: stores with no live attached process whose files no live
     * process has mapped (so a crashed process's stores go, and a store being opened right now does
     * not), generation files whose store is gone, and temporary files of dead processes.
     */
    public CleanupReport cleanup(Duration lockTimeout) {
        CleanupReport report = new CleanupReport();
        Set<String> mapped = mappedByOthers();
        Set<String> bases = new HashSet<>();
        for (String file : controlFiles()) {
            String base = file.substring(0, file.length() - SegmentNames.CONTROL_SUFFIX.length());
            bases.add(base);
            try {
                cleanupStore(file, base, mapped, lockTimeout, report);
            } catch (SegmentFormatException e) {
                if (isMapped(mapped, base)) {
                    report.kept.add(file + ": damaged, but mapped by a live process");
                } else {
                    report.problems.add(new Problem(file, "damaged, removed: " + e.getMessage()));
                    removeFiles(base + ".", report);
                    remove(file, report);
                }
            } catch (SegmentException | StoreException e) {
                report.problems.add(new Problem(file, e.getMessage()));
            }
        }
        for (String file : directory.list(SegmentNames.PREFIX)) {
            int dot = file.indexOf('.');
            if (dot > 0 && !file.endsWith(SegmentNames.CONTROL_SUFFIX) && !bases.contains(file.substring(0, dot))
                    && !mapped.contains(file)) {
                remove(file, report); // a generation file whose store is gone
            }
        }
        for (String file : directory.list("." + SegmentNames.PREFIX)) {
            long pid = temporaryFileOwner(file);
            if (pid > 0 && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true)) {
                remove(file, report);
            }
        }
        return report;
    }

    private void cleanupStore(String file, String base, Set<String> mapped, Duration lockTimeout, CleanupReport report) {
        Inspection inspection = inspect(file);
        if (inspection == null) {
            return;
        }
        long live = liveAttachments(inspection.control);
        if (live > 0) {
            report.kept.add(file + ": " + live + " live process(es) attached");
            return;
        }
        if (isMapped(mapped, base)) {
            report.kept.add(file + ": mapped by a live process");
            return;
        }
        SharedLock lock = inspection.lock();
        lock.lock(lockTimeout.toNanos());
        try {
            // attaching happens under the lock: look again now that nobody can be attaching
            if (liveAttachments(inspection.control) > 0 || isMapped(mappedByOthers(), base)) {
                report.kept.add(file + ": a process attached meanwhile");
                return;
            }
            removeStore(inspection.control, base);
            report.removed.add(file);
        } finally {
            lock.unlock();
        }
    }

    private static long liveAttachments(ControlSegment control) {
        long live = 0;
        for (long[] row : control.attachments()) {
            if (ProcessIdentity.isAlive(row[0])) {
                live++;
            }
        }
        return live;
    }

    /** Marks destroyed, removes every generation file (any incarnation), the control file last. */
    private void removeStore(ControlSegment control, String base) {
        if (control.state() != ControlSegment.DESTROYED) {
            control.markDestroyed();
        }
        for (String name : directory.list(base + ".")) {
            if (!name.endsWith(SegmentNames.CONTROL_SUFFIX)) {
                directory.unlink(name);
            }
        }
        directory.unlink(base + SegmentNames.CONTROL_SUFFIX);
    }

    private void removeFiles(String prefix, CleanupReport report) {
        for (String name : directory.list(prefix)) {
            remove(name, report);
        }
    }

    private void remove(String file, CleanupReport report) {
        if (directory.unlink(file)) {
            report.removed.add(file);
        }
    }

    private static boolean isMapped(Set<String> mapped, String base) {
        for (String name : mapped) {
            if (name.startsWith(base + ".")) {
                return true;
            }
        }
        return false;
    }

    /** Pid in a temporary file's name ({@code .<name>.tmp-<pid>-<nanos>}), or -1. */
    private static long temporaryFileOwner(String file) {
        int at = file.lastIndexOf(".tmp-");
        if (at < 0) {
            return -1;
        }
        String rest = file.substring(at + 5);
        int dash = rest.indexOf('-');
        try {
            return Long.parseLong(dash < 0 ? rest : rest.substring(0, dash));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Names of files in this directory that a live process other than this one has mapped. */
    private Set<String> mappedByOthers() {
        Set<String> names = new HashSet<>();
        Path proc = Path.of("/proc");
        if (!Files.isDirectory(proc)) {
            return names;
        }
        String prefix = directory.path() + "/";
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path pid : pids) {
                if (Long.parseLong(pid.getFileName().toString()) == self) {
                    continue;
                }
                try {
                    for (String line : Files.readAllLines(pid.resolve("maps"), StandardCharsets.UTF_8)) {
                        int at = line.indexOf(prefix);
                        if (at >= 0) {
                            String name = line.substring(at + prefix.length());
                            int end = name.indexOf(' ');
                            names.add(end < 0 ? name : name.substring(0, end));
                        }
                    }
                } catch (IOException | SecurityException e) {
                    // the process ended meanwhile, or is not ours to read
                }
            }
        } catch (IOException e) {
            throw new SegmentException("cannot list processes in /proc: " + e, e);
        }
        return names;
    }

    /** A store's control segment and a tracker over it, opened without attaching. */
    private final class Inspection {
        final ControlSegment control;
        final ViewTracker tracker;
        final String name;

        Inspection(ControlSegment control) {
            this.control = control;
            this.name = StoreProperties.decode(control.properties()).getOrDefault(SharedStore.NAME_PROPERTY, control.fileName());
            this.tracker = new ViewTracker(control, directory, namesOf(control), name, new HotValues(0), new NearCache(0));
        }

        GenerationView view() {
            return tracker.current();
        }

        SharedLock lock() {
            return control.lock(directory, "cache '" + name + "'");
        }
    }

    private static SegmentNames namesOf(ControlSegment control) {
        java.util.Map<String, String> properties = StoreProperties.decode(control.properties());
        return SegmentNames.of(properties.getOrDefault(SharedStore.NAMESPACE_PROPERTY, ""),
                properties.getOrDefault(SharedStore.NAME_PROPERTY, ""));
    }

    /** Opens a control file for inspection; null if it is gone or the store was destroyed. */
    private Inspection inspect(String controlFile) {
        try {
            ControlSegment control = ControlSegment.open(directory, controlFile);
            if (control.state() == ControlSegment.DESTROYED) {
                return null;
            }
            return new Inspection(control);
        } catch (SegmentMissingException e) {
            return null;
        }
    }
}
