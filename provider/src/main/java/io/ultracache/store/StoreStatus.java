package io.ultracache.store;

import java.nio.file.Path;
import java.util.List;

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

    private final String name;
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

    StoreStatus(String name, Path directory, String controlFile, long incarnation, long createdAt, long generation,
                long streamTail, long streamCapacity, long dumpEntries, long dumpBytes, long lockOwnerPid,
                List<Attachment> attachments, long dumpsWritten, long lockTakeovers) {
        this.name = name;
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

    public String name() {
        return name;
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

    @Override
    public String toString() {
        return String.format("%s: generation %d, stream %d/%d bytes (%.1f%%), dump %d entries in %d bytes,"
                        + " lock %s, attached %s, %d dumps written, %d lock take-overs",
                name, generation, streamTail, streamCapacity, streamCapacity == 0 ? 0.0 : 100.0 * streamTail / streamCapacity,
                dumpEntries, dumpBytes, lockOwnerPid == 0 ? "free" : "held by pid " + lockOwnerPid, attachments,
                dumpsWritten, lockTakeovers);
    }
}
