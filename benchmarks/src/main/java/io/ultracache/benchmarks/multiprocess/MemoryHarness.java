package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Resident memory of N JVMs (1 and 4) that all hold the same entries of 1 KiB: for shared
 * subjects one loader JVM fills the store and exits, then N {@link MemoryWorker}s attach and read
 * every entry; an in-process cache (Caffeine) is loaded by each JVM for itself. Each worker's
 * Pss and Rss come from /proc/PID/smaps_rollup, read by this harness once all N workers are at
 * their baseline (started, nothing opened) and again once all have read everything.
 * Pss divides each shared page among the processes mapping it, so the Pss sum counts shared
 * memory once: the honest total. The segment files' bytes are reported beside.
 */
public final class MemoryHarness {
    public static final int[] JVM_COUNTS = {1, 4};
    /** Shared subjects need little heap: reads allocate only short-lived copies. */
    private static final List<String> SHARED_HEAP = List.of("-Xmx128m");
    private static final List<String> LOADER_HEAP = List.of("-Xmx1g");
    /** An in-process cache holds its entries on the heap. */
    private static final List<String> OWN_HEAP = List.of("-Xmx4g");

    private MemoryHarness() {
    }

    public static void run(RunMode mode, List<Subject> subjects, Results results) {
        for (Subject subject : subjects) {
            System.out.println("== memory: " + subject.label() + ", " + mode.memoryEntries + " entries of 1 KiB");
            try {
                if (subject.isShared()) {
                    measureShared(mode, subject, results);
                } else {
                    for (int jvms : JVM_COUNTS) {
                        measureOwn(mode, subject, jvms, results);
                    }
                }
            } catch (RuntimeException e) {
                results.fail("memory", subject.label(), e);
            }
        }
    }

    private static void measureShared(RunMode mode, Subject subject, Results results) {
        String entries = String.valueOf(mode.memoryEntries);
        try (SharedSubjectSession session = new SharedSubjectSession(subject, "memory", ValueKind.BYTES_1K, mode.memoryEntries, SHARED_HEAP)) {
            List<String> loaderFlags = new ArrayList<>(LOADER_HEAP);
            loaderFlags.addAll(subject.jvmFlags());
            try (ChildJvm loader = ChildJvm.start(subject.name().toLowerCase() + "-loader", loaderFlags, MemoryWorker.class,
                    session.args("load", entries))) {
                System.out.println("   " + loader.awaitLine("LOADED", Duration.ofMinutes(15)) + " ms to load");
                loader.awaitExit(Duration.ofMinutes(1));
            }
            long apparent = BenchEnvironment.apparentBytes(session.directory);
            long allocated = allocatedBytes(session.directory);
            for (int jvms : JVM_COUNTS) {
                List<ChildJvm> workers = new ArrayList<>();
                try {
                    for (int i = 0; i < jvms; i++) {
                        workers.add(session.start("reader-" + i, MemoryWorker.class, "attach", entries));
                    }
                    results.memory.add(measure(subject, jvms, mode.memoryEntries, workers, apparent, allocated));
                    System.out.println("   " + results.memory.get(results.memory.size() - 1));
                } finally {
                    ChildJvm.closeAll(workers);
                }
            }
        }
    }

    private static void measureOwn(RunMode mode, Subject subject, int jvms, Results results) {
        Path directory = BenchEnvironment.freshDirectory("memory");
        List<ChildJvm> workers = new ArrayList<>();
        try {
            List<String> flags = new ArrayList<>(OWN_HEAP);
            flags.addAll(subject.jvmFlags());
            for (int i = 0; i < jvms; i++) {
                workers.add(ChildJvm.start(subject.name().toLowerCase() + "-own-" + i, flags, MemoryWorker.class,
                        List.of(subject.name(), directory.toString(), "memory", "own", String.valueOf(mode.memoryEntries))));
            }
            results.memory.add(measure(subject, jvms, mode.memoryEntries, workers, 0, 0));
            System.out.println("   " + results.memory.get(results.memory.size() - 1));
        } finally {
            ChildJvm.closeAll(workers);
            BenchEnvironment.deleteRecursively(directory);
        }
    }

    private static Results.Memory measure(Subject subject, int jvms, int entries, List<ChildJvm> workers,
                                          long segmentApparent, long segmentAllocated) {
        for (ChildJvm worker : workers) {
            worker.awaitLine("BASELINE", Duration.ofMinutes(2));
        }
        long[] baseline = residentKb(workers);
        for (ChildJvm worker : workers) {
            worker.send("GO");
        }
        for (ChildJvm worker : workers) {
            worker.awaitLine("READY", Duration.ofMinutes(15));
        }
        long[] loaded = residentKb(workers);
        for (ChildJvm worker : workers) {
            worker.send("EXIT");
        }
        for (ChildJvm worker : workers) {
            worker.awaitExit(Duration.ofMinutes(1));
        }
        return new Results.Memory(subject, jvms, entries, baseline[0], loaded[0], baseline[1], loaded[1], segmentApparent, segmentAllocated);
    }

    /** Sums of Pss and Rss, kB, over the workers' /proc/PID/smaps_rollup. */
    private static long[] residentKb(List<ChildJvm> workers) {
        long pss = 0;
        long rss = 0;
        for (ChildJvm worker : workers) {
            Path rollup = Path.of("/proc", String.valueOf(worker.pid()), "smaps_rollup");
            try {
                for (String line : Files.readAllLines(rollup)) {
                    String[] f = line.trim().split("\\s+");
                    if (f[0].equals("Pss:")) {
                        pss += Long.parseLong(f[1]);
                    } else if (f[0].equals("Rss:")) {
                        rss += Long.parseLong(f[1]);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + rollup, e);
            }
        }
        return new long[] {pss, rss};
    }

    /** Bytes the files under {@code dir} really occupy (du), for sparse files such as Chronicle Map's. */
    private static long allocatedBytes(Path dir) {
        try {
            Process du = new ProcessBuilder("du", "-s", "--block-size=1", dir.toString()).redirectErrorStream(true).start();
            String out = new String(du.getInputStream().readAllBytes()).trim();
            if (!du.waitFor(1, TimeUnit.MINUTES) || du.exitValue() != 0) {
                du.destroyForcibly();
                return -1;
            }
            return Long.parseLong(out.split("\\s+")[0]);
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
