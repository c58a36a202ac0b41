package io.ultracache.shm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Who a process is, in one 64-bit word: its pid and its start time. A pid alone is reused by the
 * kernel; pid plus start time names one process for the life of the machine.
 *
 * <pre>
 *   63                    32 31                     0
 *  +------------------------+------------------------+
 *  |          pid           |  start time (low bits) |
 *  +------------------------+------------------------+
 * </pre>
 *
 * On Linux the start time is field 22 of {@code /proc/<pid>/stat} (clock ticks since boot), read
 * the same way for this process and for others, so two JVMs of any version agree on it. Elsewhere
 * it is the start instant in milliseconds that {@link ProcessHandle.Info} reports.
 * A token is never 0, so 0 can mean "nobody".
 */
public final class ProcessIdentity {
    private static final Path PROC = Path.of("/proc");
    private static final boolean HAS_PROC = Files.isReadable(PROC.resolve("self/stat"));

    /** This process. */
    public static final ProcessIdentity CURRENT = current();

    private final long pid;
    private final long token;

    private ProcessIdentity(long pid, long startTime) {
        this.pid = pid;
        this.token = (pid << 32) | (startTime & 0xFFFF_FFFFL) | (startTime == 0 && pid == 0 ? 1 : 0);
    }

    private static ProcessIdentity current() {
        long pid = ProcessHandle.current().pid();
        Long start = startTimeOf(pid);
        if (start == null) {
            throw new IllegalStateException("cannot read this process's start time");
        }
        return new ProcessIdentity(pid, start);
    }

    /** The identity of the running process {@code pid}, or null if there is none. */
    static ProcessIdentity of(long pid) {
        Long start = startTimeOf(pid);
        return start == null ? null : new ProcessIdentity(pid, start);
    }

    public long pid() {
        return pid;
    }

    /** The 64-bit word that names this process in shared memory. */
    public long token() {
        return token;
    }

    public static long pidOf(long token) {
        return token >>> 32;
    }

    /**
     * Whether the process named by {@code token} is still running. A process that exited, a zombie
     * waiting to be reaped, and a new process that reuses the pid all count as not alive.
     */
    public static boolean isAlive(long token) {
        if (token == 0) {
            return false;
        }
        long pid = pidOf(token);
        if (pid == CURRENT.pid) {
            return token == CURRENT.token;
        }
        Long start = startTimeOf(pid);
        return start != null && (start & 0xFFFF_FFFFL) == (token & 0xFFFF_FFFFL);
    }

    /** Start time of a live process, or null if there is no such (running) process. */
    private static Long startTimeOf(long pid) {
        if (HAS_PROC) {
            try {
                String stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.US_ASCII);
                // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so parse after the last ')'
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                char state = fields[0].charAt(0);
                if (state == 'Z' || state == 'X' || state == 'x') {
                    return null;
                }
                return Long.parseLong(fields[19]); // field 22 overall: starttime
            } catch (NoSuchFileException e) {
                return null;
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }
        return ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .flatMap(h -> h.info().startInstant())
                .map(Instant::toEpochMilli)
                .orElse(null);
    }

    /** A short description for messages: {@code "pid 1234 (alive)"}. */
    public static String describe(long token) {
        if (token == 0) {
            return "nobody";
        }
        return "pid " + pidOf(token) + (isAlive(token) ? " (alive)" : " (dead)");
    }

    @Override
    public String toString() {
        return "process " + pid;
    }
}
