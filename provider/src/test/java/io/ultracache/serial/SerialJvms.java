package io.ultracache.serial;

import io.ultracache.testing.JvmProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Runs {@link SerialChild} commands in child JVMs, each to its end, within a hard timeout. */
final class SerialJvms {
    /** Generous: two cores are shared with other builds, and Fory generates code on first use. */
    static final Duration TIMEOUT = Duration.ofSeconds(120);
    /** No JVM flags. */
    static final List<String> PLAIN = List.of();

    private SerialJvms() {
    }

    /** Outcome of one child: exit code and output. */
    static final class Result {
        final int exitCode;
        final String output;

        Result(int exitCode, String output) {
            this.exitCode = exitCode;
            this.output = output;
        }

        /** The rest of the first line starting with {@code prefix}, or null. */
        String line(String prefix) {
            for (String line : output.split("\n")) {
                if (line.startsWith(prefix)) {
                    return line.substring(prefix.length());
                }
            }
            return null;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + ":\n" + output;
        }
    }

    static Result run(List<String> jvmArgs, String... args) {
        try (JvmProcess child = JvmProcess.start(SerialChild.class, jvmArgs, args)) {
            int code = child.waitFor(TIMEOUT);
            return new Result(code, child.output());
        }
    }

    static Result runWithClassPath(String classPath, String... args) {
        try (JvmProcess child = JvmProcess.startWithClassPath(SerialChild.class, classPath, PLAIN, args)) {
            int code = child.waitFor(TIMEOUT);
            return new Result(code, child.output());
        }
    }

    /** Runs a command that must succeed; returns its result. */
    static Result succeed(List<String> jvmArgs, String... args) {
        Result result = run(jvmArgs, args);
        if (result.exitCode != 0) {
            throw new AssertionError("child " + String.join(" ", args) + " failed, " + result);
        }
        return result;
    }

    static String[] args(String command, Path dir, String store, String serializer, String... more) {
        String[] all = new String[4 + more.length];
        all[0] = command;
        all[1] = dir.toString();
        all[2] = store;
        all[3] = serializer;
        System.arraycopy(more, 0, all, 4, more.length);
        return all;
    }
}
