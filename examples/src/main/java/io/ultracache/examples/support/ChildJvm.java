package io.ultracache.examples.support;

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
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM on this JVM's class path, driven by the line protocol of {@link CommandLoop}: the
 * parent sends one command per line on the child's stdin; the child answers each with one line
 * {@code @OK ...} or {@code @ERR ...}. Every other line the child prints (stdout and stderr together)
 * is kept, and handed to an optional echo, so a demo can show it and a failing test can include it.
 *
 * <p>Every wait has a timeout, so a hung child fails its caller instead of blocking it, and
 * {@link #close()} kills the child if it still runs. The class path is Surefire's test class path
 * when running under Surefire (whose own {@code java.class.path} is only a booter jar), else this
 * JVM's {@code java.class.path} (as {@code exec:exec} with {@code %classpath} sets it).
 */
public final class ChildJvm implements AutoCloseable {
    /** Small heaps and quick startup: several of these share two cores with the build. */
    private static final List<String> DEFAULT_JVM_ARGS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");

    private final String label;
    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final List<String> output = new ArrayList<>();
    private final Thread reader;

    private ChildJvm(String label, Process process, Consumer<String> echo) {
        this.label = label;
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(() -> collect(echo), "output of " + label);
        reader.setDaemon(true);
        reader.start();
    }

    /** The class path child JVMs run with. */
    public static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    /**
     * Starts {@code mainClass} in a new JVM.
     *
     * @param label    names the child in messages
     * @param jvmArgs  extra JVM flags, after the defaults
     * @param echo     receives each line the child prints that is not an answer, or null
     */
    public static ChildJvm start(String label, Class<?> mainClass, List<String> jvmArgs, List<String> args,
            Consumer<String> echo) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DEFAULT_JVM_ARGS);
        command.addAll(jvmArgs);
        command.add("-cp");
        command.add(classPath());
        command.add(mainClass.getName());
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            return new ChildJvm(label, process, echo);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a child JVM for " + mainClass.getName(), e);
        }
    }

    private void collect(Consumer<String> echo) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith(CommandLoop.ANSWER_PREFIX)) {
                    answers.add(line);
                } else if (echo != null) {
                    echo.accept(line);
                }
            }
        } catch (IOException e) {
            // the child was killed: its output simply ends
        }
    }

    public String label() {
        return label;
    }

    public long pid() {
        return process.pid();
    }

    /** Waits for the child's {@code @READY} line and returns what follows it. */
    public String awaitReady(Duration timeout) {
        return answer(CommandLoop.READY, timeout);
    }

    /** Sends one command line without waiting for its answer (see {@link #await}). */
    public void send(String command) {
        try {
            stdin.write(command);
            stdin.write('\n');
            stdin.flush();
        } catch (IOException e) {
            throw new ChildJvmException(label + ": cannot send '" + command + "' (did it exit?): " + e + describe());
        }
    }

    /** Waits for the answer to a command sent with {@link #send}; returns what follows {@code @OK}. */
    public String await(Duration timeout) {
        return answer(CommandLoop.OK, timeout);
    }

    /** Sends a command and waits for its answer; returns what follows {@code @OK}. */
    public String ask(String command, Duration timeout) {
        send(command);
        return await(timeout);
    }

    private String answer(String expected, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = answers.poll(100, TimeUnit.MILLISECONDS);
                if (line != null) {
                    if (line.equals(expected) || line.startsWith(expected + " ")) {
                        return line.substring(expected.length()).trim();
                    }
                    throw new ChildJvmException(label + " answered '" + line + "' instead of " + expected + describe());
                }
                if (!process.isAlive() && !reader.isAlive() && answers.isEmpty()) {
                    throw new ChildJvmException(label + " exited (code " + process.exitValue() + ") before answering"
                            + describe());
                }
                if (System.nanoTime() > deadline) {
                    throw new ChildJvmException(label + " gave no answer within " + timeout.toSeconds() + " s" + describe());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException(label + ": interrupted while waiting for an answer");
        }
    }

    /** Waits for the child to exit, killing it if it is still running at the timeout; returns its exit code. */
    public int waitForExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new ChildJvmException(label + " still ran " + timeout.toSeconds() + " s later and was killed" + describe());
            }
            reader.join(5_000);
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ChildJvmException(label + ": interrupted while waiting for it to exit");
        }
    }

    /** Everything the child printed so far. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    private String describe() {
        return "; its output:\n" + output();
    }

    /** Kills the child (SIGKILL) and waits until it is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    /** A child that failed, hung or exited: the message carries its output. */
    public static final class ChildJvmException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public ChildJvmException(String message) {
            super(message);
        }
    }
}
