package io.ultracache.examples.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The child's side of {@link ChildJvm}'s line protocol: prints {@code @READY ...}, then reads one
 * command per line from stdin and answers each with {@code @OK ...} (what the handler returned) or
 * {@code @ERR <exception>: <message>}, until {@code exit} or the end of stdin.
 *
 * <p>A child never outlives its parent: when stdin ends (the parent closed it or died), the loop
 * ends, and a watchdog halts the JVM if the parent process is gone while a command still runs.
 */
public final class CommandLoop {
    private static final System.Logger LOG = System.getLogger(CommandLoop.class.getName());
    /** Lines starting with this are answers; any other line is free output. */
    public static final String ANSWER_PREFIX = "@";
    static final String READY = "@READY";
    static final String OK = "@OK";
    static final String ERR = "@ERR";

    /** Runs one command, split into words; returns the answer's text (null for none). */
    @FunctionalInterface
    public interface Handler {
        String handle(String[] command) throws Exception;
    }

    private CommandLoop() {
    }

    /**
     * Serves commands until {@code exit} or the end of stdin. Returns normally then, so the caller
     * can close what it opened.
     *
     * @param ready text of the {@code @READY} line
     */
    public static void run(String ready, Handler handler) throws IOException {
        startParentWatchdog();
        PrintStream out = System.out;
        out.println(READY + " " + ready);
        out.flush();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                String trimmed = line.trim();
                if (trimmed.isEmpty()) {
                    continue;
                }
                if (trimmed.equals("exit")) {
                    out.println(OK);
                    out.flush();
                    return;
                }
                try {
                    String answer = handler.handle(trimmed.split("\\s+"));
                    out.println(answer == null || answer.isEmpty() ? OK : OK + " " + answer);
                } catch (Exception | AssertionError e) {
                    LOG.log(System.Logger.Level.WARNING, "command '" + trimmed + "' failed", e);
                    out.println(ERR + " " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                out.flush();
            }
        }
    }

    /** Halts this JVM soon after its parent process is gone, so that no child is ever left behind. */
    private static void startParentWatchdog() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        if (parent.isEmpty()) {
            return;
        }
        Thread watchdog = new Thread(() -> {
            while (parent.get().isAlive()) {
                try {
                    Thread.sleep(500);
                } catch (InterruptedException e) {
                    return;
                }
            }
            Runtime.getRuntime().halt(3);
        }, "parent watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }
}
