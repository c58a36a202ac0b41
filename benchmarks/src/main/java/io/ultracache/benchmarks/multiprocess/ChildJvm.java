package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A worker JVM started from this benchmark jar, spoken to in lines: the harness writes commands
 * to its standard input and reads its reports from its standard output (its standard error goes
 * to ours). Every wait has a deadline; {@link #close()} kills the process if it is still running,
 * and a shutdown hook kills any that are left, so no worker outlives the suite.
 */
final class ChildJvm implements AutoCloseable {
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static final String EOF = "\u0000eof";
    /**
     * Extra flags for every worker JVM, separated by spaces: for profiling a worker, e.g.
     * {@code -agentpath:/path/libasyncProfiler.so=start,event=cpu,file=/tmp/worker-%p.txt}.
     */
    static final String EXTRA_FLAGS_PROPERTY = "ultracache.bench.workerFlags";

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Process::destroyForcibly), "kill-children"));
    }

    private final String name;
    private final Process process;
    private final PrintWriter input;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    private ChildJvm(String name, Process process) {
        this.name = name;
        this.process = process;
        this.input = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "stdout-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with this JVM's java and class path, the given flags, and the run's
     * directory and Redis port passed on.
     */
    static ChildJvm start(String name, List<String> jvmFlags, Class<?> main, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        String extra = System.getProperty(EXTRA_FLAGS_PROPERTY, "").trim();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.add("-D" + BenchEnvironment.DIRECTORY_PROPERTY + "=" + BenchEnvironment.runDirectory());
        command.add("-D" + BenchEnvironment.REDIS_PORT_PROPERTY + "=" + BenchEnvironment.redisPort());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(main.getName());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            RUNNING.add(process);
            return new ChildJvm(name, process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    private void pump() {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            // the process died; awaitLine reports it
        } finally {
            lines.add(EOF);
        }
    }

    long pid() {
        return process.pid();
    }

    String name() {
        return name;
    }

    /** Sends one command line. */
    void send(String line) {
        input.println(line);
    }

    /**
     * The first line starting with {@code prefix}, skipping others (which are echoed). Fails if
     * the process ends first or the deadline passes.
     */
    String awaitLine(String prefix, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                String line = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (line == null) {
                    throw new HarnessException(name + " did not report '" + prefix + "' within " + timeout.toSeconds() + " s");
                }
                if (line.equals(EOF)) {
                    lines.add(EOF);
                    throw new HarnessException(name + " ended (exit " + exitCodeSoon() + ") before reporting '" + prefix + "'");
                }
                if (line.startsWith(prefix)) {
                    return line;
                }
                System.out.println("  [" + name + "] " + line);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted waiting for " + name, e);
        }
    }

    private String exitCodeSoon() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Waits for the process to end by itself; fails (and kills it) after the timeout or on a non-zero exit. */
    void awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                close();
                throw new HarnessException(name + " did not exit within " + timeout.toSeconds() + " s; killed");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HarnessException("interrupted waiting for " + name, e);
        }
        RUNNING.remove(process);
        if (process.exitValue() != 0) {
            throw new HarnessException(name + " exited with " + process.exitValue());
        }
    }

    @Override
    public void close() {
        input.close();
        if (process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        RUNNING.remove(process);
    }

    /** Closes all, ignoring failures, so one bad worker does not leave the others running. */
    static void closeAll(List<ChildJvm> children) {
        for (ChildJvm child : children) {
            try {
                child.close();
            } catch (RuntimeException e) {
                System.err.println("could not stop " + child.name + ": " + e);
            }
        }
    }
}
