package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One measurement of a shared subject across JVMs: a fresh directory, the subject created by an
 * admin JVM, worker JVMs started with the subject's flags, and at the end every worker killed,
 * the subject destroyed and the directory removed, whatever happened.
 */
final class SharedSubjectSession implements AutoCloseable {
    static final Duration ADMIN_TIMEOUT = Duration.ofMinutes(2);

    final Subject subject;
    final Path directory;
    final String name;
    final ValueKind values;
    private final List<String> heapFlags;
    private final List<ChildJvm> workers = new ArrayList<>();

    SharedSubjectSession(Subject subject, String purpose, ValueKind values, int entries, List<String> heapFlags) {
        this.subject = subject;
        this.directory = BenchEnvironment.freshDirectory(purpose);
        this.name = purpose;
        this.values = values;
        this.heapFlags = heapFlags;
        admin("create", "CREATED", values.name(), String.valueOf(entries));
    }

    List<String> flags() {
        List<String> flags = new ArrayList<>(heapFlags);
        flags.addAll(subject.jvmFlags());
        return flags;
    }

    /** Arguments every worker starts with: subject, directory, name. */
    List<String> args(String... more) {
        List<String> args = new ArrayList<>(List.of(subject.name(), directory.toString(), name));
        args.addAll(List.of(more));
        return args;
    }

    ChildJvm start(String workerName, Class<?> main, String... more) {
        ChildJvm child = ChildJvm.start(subject.name().toLowerCase() + "-" + workerName, flags(), main, args(more));
        workers.add(child);
        return child;
    }

    String admin(String command, String expect, String... more) {
        List<String> args = new ArrayList<>(List.of(command, subject.name(), directory.toString(), name));
        args.addAll(List.of(more));
        try (ChildJvm admin = ChildJvm.start(subject.name().toLowerCase() + "-" + command, flags(), SubjectAdmin.class, args)) {
            String line = admin.awaitLine(expect, ADMIN_TIMEOUT);
            admin.awaitExit(ADMIN_TIMEOUT);
            return line;
        }
    }

    @Override
    public void close() {
        ChildJvm.closeAll(workers);
        try {
            admin("destroy", "DESTROYED", values.name());
        } catch (RuntimeException e) {
            System.err.println("could not destroy " + subject + " in " + directory + ": " + e.getMessage());
        } finally {
            BenchEnvironment.deleteRecursively(directory);
        }
    }
}
