package io.ultracache.benchmarks.report;

import io.ultracache.benchmarks.RunMode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Properties;

/** Where and how a run was made: what the report's header says. */
public final class RunInfo {
    public final RunMode mode;
    public final String command;
    public final Instant started = Instant.now();
    public final String loadAtStart = loadAverage();
    public String loadAtEnd;
    public Instant finished;
    public final Properties versions = new Properties();

    public RunInfo(RunMode mode, String command) {
        this.mode = mode;
        this.command = command;
        try (InputStream in = RunInfo.class.getResourceAsStream("/io/ultracache/benchmarks/versions.properties")) {
            if (in != null) {
                versions.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void finish() {
        finished = Instant.now();
        loadAtEnd = loadAverage();
    }

    /** The 1, 5 and 15 minute load averages, as /proc/loadavg gives them. */
    public static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String jdk() {
        return System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + " (" + System.getProperty("java.vendor") + ")";
    }

    public static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .findFirst().map(l -> l.substring(l.indexOf(':') + 1).trim()).orElse("unknown")
                    + ", " + Runtime.getRuntime().availableProcessors() + " cores";
        } catch (IOException e) {
            return Runtime.getRuntime().availableProcessors() + " cores";
        }
    }

    public static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .findFirst().map(l -> {
                        long kb = Long.parseLong(l.replaceAll("[^0-9]", ""));
                        return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
                    }).orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
