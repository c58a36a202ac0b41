package io.ultracache.store;

import io.ultracache.shm.ProcessIdentity;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What a store looks like right now, for monitoring and the command line. */
public final class StoreStatus {
    /** A process attached to the store. */
    public static final class Attachment {
        private final long pid;
        private final boolean alive;
        private final long attachedAt;

        Attachment(long pid, boolean alive, long attachedAt) {
            this.pid = pid;
            this.alive = alive;
            this.attachedAt = attachedAt;
        }

        public long pid() {
            return pid;
        }

        public boolean alive() {
            return alive;
        }

        public long attachedAt() {
            return attachedAt;
        }

        @Override
        public String toString() {
            return "pid " + pid + (alive ? "" : " (dead)");
        }
    }

    private final String namespace;
    private final String name;
    private final Map<String, String> properties;
    private final Path directory;
    private final String controlFile;
    private final long incarnation;
    private final long createdAt;
    private final long generation;
    private final long streamTail;
    private final long streamCapacity;
    private final long dumpEntries;
    private final long dumpBytes;
    private final long lockOwnerPid;
    private final List<Attachment> attachments;
    private final long dumpsWritten;
    private final long lockTakeovers;
    private final long[] counterTotals;

    StoreStatus(Map<String, String> properties, Path directory, String controlFile, long incarnation, long createdAt,
                long generation, long streamTail, long streamCapacity, long dumpEntries, long dumpBytes, long lockOwnerPid,
                List<Attachment> attachments, long dumpsWritten, long lockTakeovers, long[] counterTotals) {
        this.counterTotals = counterTotals.clone();
        this.properties = Collections.unmodifiableMap(new TreeMap<>(properties));
        this.namespace = properties.getOrDefault(SharedStore.NAMESPACE_PROPERTY, "?");
        this.name = properties.getOrDefault(SharedStore.NAME_PROPERTY, "?");
        this.directory = directory;
        this.controlFile = controlFile;
        this.incarnation = incarnation;
        this.createdAt = createdAt;
        this.generation = generation;
        this.streamTail = streamTail;
        this.streamCapacity = streamCapacity;
        this.dumpEntries = dumpEntries;
        this.dumpBytes = dumpBytes;
        this.lockOwnerPid = lockOwnerPid;
        this.attachments = List.copyOf(attachments);
        this.dumpsWritten = dumpsWritten;
        this.lockTakeovers = lockTakeovers;
    }

    /** Reads the status of a store from its control segment and a view of its current generation. */
    static StoreStatus of(ControlSegment control, GenerationView view, Path directory) {
        long state = control.state();
        List<Attachment> attachments = new ArrayList<>();
        for (long[] row : control.attachments()) {
            attachments.add(new Attachment(ProcessIdentity.pidOf(row[0]),
                    ProcessIdentity.isAlive(row[0]), row[1]));
        }
        long owner = control.segment().getLongVolatile(ControlSegment.LOCK_OFFSET);
        return new StoreStatus(StoreProperties.decode(control.properties()), directory, control.fileName(),
                control.incarnation(), control.createdAt(), ControlSegment.generationOf(state), ControlSegment.tailOf(state),
                view.stream.capacity(), view.dump.entryCount(), view.dump.size(), ProcessIdentity.pidOf(owner),
                attachments, control.dumpCount(), control.takeoverCount(), control.counterTotals());
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    /** The shared properties the store was created with. */
    public Map<String, String> properties() {
        return properties;
    }

    public Path directory() {
        return directory;
    }

    public String controlFile() {
        return controlFile;
    }

    public long incarnation() {
        return incarnation;
    }

    public long createdAt() {
        return createdAt;
    }

    public long generation() {
        return generation;
    }

    /** Bytes of records in the current stream buffer. */
    public long streamTail() {
        return streamTail;
    }

    public long streamCapacity() {
        return streamCapacity;
    }

    public long dumpEntries() {
        return dumpEntries;
    }

    /** Size of the current dump segment in bytes. */
    public long dumpBytes() {
        return dumpBytes;
    }

    /** Processes attached now that are alive. */
    public long liveAttachments() {
        return attachments.stream().filter(Attachment::alive).count();
    }

    /** Pid of the process holding the lock, or 0. */
    public long lockOwnerPid() {
        return lockOwnerPid;
    }

    public List<Attachment> attachments() {
        return attachments;
    }

    public long dumpsWritten() {
        return dumpsWritten;
    }

    public long lockTakeovers() {
        return lockTakeovers;
    }

    /** The total of a counter over every process that used the store. */
    public long total(StoreCounter counter) {
        return counterTotals[counter.ordinal()];
    }

    @Override
    public String toString() {
        return String.format("%s: generation %d, stream %d/%d bytes (%.1f%%), dump %d entries in %d bytes,"
                        + " lock %s, attached %s, %d dumps written, %d lock take-overs",
                name, generation, streamTail, streamCapacity, streamCapacity == 0 ? 0.0 : 100.0 * streamTail / streamCapacity,
                dumpEntries, dumpBytes, lockOwnerPid == 0 ? "free" : "held by pid " + lockOwnerPid, attachments,
                dumpsWritten, lockTakeovers);
    }
}
