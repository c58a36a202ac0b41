package io.ultracache.benchmarks.multiprocess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The worker side of the line protocol of {@link ChildJvm}. */
final class WorkerIo {
    private static final BufferedReader IN = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

    private WorkerIo() {
    }

    static void report(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** Blocks until the harness sends a line (or closes our input: then returns null). */
    static String command() {
        try {
            return IN.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for the command {@code expected}; fails on anything else. */
    static String expect(String expected) {
        String line = command();
        if (line == null || !line.startsWith(expected)) {
            throw new IllegalStateException("expected '" + expected + "' from the harness, got '" + line + "'");
        }
        return line;
    }

    /** Spins until {@code System.nanoTime()} reaches {@code at}, sleeping while it is far off. */
    static void waitUntil(long at) throws InterruptedException {
        long left;
        while ((left = at - System.nanoTime()) > 0) {
            if (left > 2_000_000) {
                Thread.sleep(1);
            } else {
                Thread.onSpinWait();
            }
        }
    }
}
