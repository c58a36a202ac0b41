package io.ultracache.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A child JVM running a main class on the test classpath: the way every multi-process test starts
 * its processes. Output (stdout and stderr together) is collected line by line; the test can send
 * lines to the child's stdin and wait for lines from it, always with a timeout, so a hang fails the
 * test instead of blocking the build. {@link #close()} kills the child if it still runs.
 */
public final class JvmProcess implements AutoCloseable {
    private static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-Xss512k");

    private final String name;
    private final Process process;
    private final Writer stdin;
    private final List<String> lines = new ArrayList<>();
    private final Thread reader;

    private JvmProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::collect, "output of " + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code mainClass} with {@code args} in a new JVM with default flags. */
    public static JvmProcess start(Class<?> mainClass, String... args) {
        return start(mainClass, List.of(), args);
    }

    /** Starts {@code mainClass} with extra JVM flags (after the defaults) and {@code args}. */
    public static JvmProcess start(Class<?> mainClass, List<String> jvmArgs, String... args) {
        return startWrapped(List.of(), mainClass, jvmArgs, args);
    }

    /**
     * Starts the JVM through a wrapper command (such as {@code unshare --mount ...}) that runs
     * the rest of the command line.
     */
    public static JvmProcess startWrapped(List<String> wrapper, Class<?> mainClass, List<String> jvmArgs, String... args) {
        List<String> command = new ArrayList<>(wrapper);
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEFAULT_JVM_ARGS);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add(mainClass.getName());
        command.addAll(Arrays.asList(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new JvmProcess(mainClass.getSimpleName() + " " + String.join(" ", args), process);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start child JVM for " + mainClass.getName(), e);
        }
    }

    private void collect() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (lines) {
                    lines.add(line);
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the child was killed: its output simply ends
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Sends one line to the child's stdin. */
    public void send(String line) {
        try {
            stdin.write(line);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new AssertionError(name + ": cannot send '" + line + "': " + e + "\n" + output(), e);
        }
    }

    /**
     * Waits for the first line, after line {@code from}, that matches; returns its index.
     *
     * @throws AssertionError with the child's output if none comes within the timeout or the child ends
     */
    public int awaitLine(int from, Predicate<String> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lines) {
            int i = from;
            while (true) {
                for (; i < lines.size(); i++) {
                    if (matcher.test(lines.get(i))) {
                        return i;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(name + ": no expected line within " + timeout + "; output:\n" + output());
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    throw new AssertionError(name + ": ended (exit " + process.exitValue() + ") without the expected line; output:\n" + output());
                }
                try {
                    lines.wait(Math.max(1, Math.min(TimeUnit.NANOSECONDS.toMillis(left), 100)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /** Waits for a line starting with {@code prefix} after line {@code from}; returns the rest of it. */
    public String awaitPrefix(int from, String prefix, Duration timeout) {
        int i = awaitLine(from, l -> l.startsWith(prefix), timeout);
        return line(i).substring(prefix.length());
    }

    /** Sends a command and waits for the child's answer line starting with {@code prefix}; returns the rest. */
    public String ask(String command, String prefix, Duration timeout) {
        int from = lineCount();
        send(command);
        return awaitPrefix(from, prefix, timeout);
    }

    public int lineCount() {
        synchronized (lines) {
            return lines.size();
        }
    }

    public String line(int i) {
        synchronized (lines) {
            return lines.get(i);
        }
    }

    public String output() {
        synchronized (lines) {
            return String.join("\n", lines);
        }
    }

    /**
     * Waits for the child to exit and returns its exit code.
     *
     * @throws AssertionError (after killing it) if it is still running at the timeout
     */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(name + ": still running after " + timeout + ", killed; output:\n" + output());
            }
            reader.join(5000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Waits for exit and fails unless the exit code is 0. */
    public void waitForSuccess(Duration timeout) {
        int code = waitFor(timeout);
        if (code != 0) {
            throw new AssertionError(name + ": exit code " + code + "; output:\n" + output());
        }
    }

    /** Kills the child with SIGKILL (kill -9) and waits until it is gone. */
    public void kill9() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new AssertionError(name + ": did not die within 30 s of SIGKILL");
            }
            reader.join(5000); // whatever it printed before dying is read to the end
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill9();
        }
    }
}
