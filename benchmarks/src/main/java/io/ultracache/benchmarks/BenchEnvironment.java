package io.ultracache.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * What a benchmark JVM learns from its launcher through system properties: the run's own
 * directory under /dev/shm and the port of the run's redis-server. Every measurement makes a
 * fresh subdirectory there and removes it afterwards; run.sh removes the run's directory at the
 * end, whatever happened.
 */
public final class BenchEnvironment {
    public static final String DIRECTORY_PROPERTY = "ultracache.bench.dir";
    public static final String REDIS_PORT_PROPERTY = "ultracache.bench.redisPort";

    private BenchEnvironment() {
    }

    /** The run's directory: the property if set, else a new /dev/shm/ultracache-bench-&lt;random&gt;. */
    public static Path runDirectory() {
        String configured = System.getProperty(DIRECTORY_PROPERTY);
        Path dir = configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of("/dev/shm", "ultracache-bench-" + UUID.randomUUID().toString().substring(0, 8));
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create benchmark directory " + dir, e);
        }
    }

    /** A fresh, empty directory for one measurement, inside the run's directory. */
    public static Path freshDirectory(String purpose) {
        try {
            return Files.createTempDirectory(runDirectory(), purpose + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory for " + purpose, e);
        }
    }

    public static int redisPort() {
        return Integer.getInteger(REDIS_PORT_PROPERTY, 0);
    }

    /** Removes a directory and everything in it; quietly does nothing if it is gone. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir, e);
        }
    }

    /** Bytes of all files under {@code dir}, as their sizes say (sparse files count fully). */
    public static long apparentBytes(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            return paths.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
