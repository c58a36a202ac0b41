package io.ultracache.store;

import io.ultracache.serial.Serializer;
import io.ultracache.serial.Serializers;
import io.ultracache.shm.SegmentDirectory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * How to open a {@link SharedStore}: where its segments live, its name, its serializer and the
 * engine's tuning. Immutable; build one with {@link #builder(String, String)}.
 */
public final class StoreConfig {
    /** Default smallest stream buffer: 1 MiB. */
    public static final long DEFAULT_STREAM_MIN_BYTES = 1L << 20;
    /** Default largest stream buffer: 256 MiB. */
    public static final long DEFAULT_STREAM_MAX_BYTES = 256L << 20;
    /**
     * Default stream size relative to the dump's: eight times the dump. Dumps write 1/ratio bytes
     * per byte appended to the stream; profiled on 100,000 keys, they took about half of a put's
     * time at 0.5, a quarter at 2 and a seventh at 8. A small cache spends shared memory on it (up
     * to nine times its entries' bytes); a large one meets {@link #DEFAULT_STREAM_MAX_BYTES}.
     */
    public static final double DEFAULT_STREAM_TO_DUMP_RATIO = 8.0;
    public static final Duration DEFAULT_LOCK_TIMEOUT = Duration.ofSeconds(10);
    /** Default most cells of each per-process cache of decoded values (about a quarter hold values). */
    public static final int DEFAULT_HOT_VALUES = 1 << 20;

    private final Path directory;
    private final String namespace;
    private final String name;
    private final Serializer serializer;
    private final long streamMinBytes;
    private final long streamMaxBytes;
    private final double streamToDumpRatio;
    private final Duration lockTimeout;
    private final boolean unlinkOnLastClose;
    private final boolean createIfMissing;
    private final int hotValues;
    private final Map<String, String> properties;

    private StoreConfig(Builder b) {
        this.directory = b.directory != null ? b.directory : SegmentDirectory.defaultPath();
        this.namespace = b.namespace;
        this.name = b.name;
        this.serializer = b.serializer != null ? b.serializer : Serializers.standard(StoreConfig.class.getClassLoader());
        this.streamMinBytes = b.streamMinBytes;
        this.streamMaxBytes = Math.max(b.streamMinBytes, b.streamMaxBytes);
        this.streamToDumpRatio = b.streamToDumpRatio;
        this.lockTimeout = b.lockTimeout;
        this.unlinkOnLastClose = b.unlinkOnLastClose;
        this.createIfMissing = b.createIfMissing;
        this.hotValues = b.hotValues;
        this.properties = Collections.unmodifiableMap(new TreeMap<>(b.properties));
    }

    /**
     * @param namespace what groups stores, such as a cache manager's URI
     * @param name      the store's name within the namespace
     */
    public static Builder builder(String namespace, String name) {
        return new Builder(namespace, name);
    }

    public Builder toBuilder() {
        Builder b = new Builder(namespace, name);
        b.directory = directory;
        b.serializer = serializer;
        b.streamMinBytes = streamMinBytes;
        b.streamMaxBytes = streamMaxBytes;
        b.streamToDumpRatio = streamToDumpRatio;
        b.lockTimeout = lockTimeout;
        b.unlinkOnLastClose = unlinkOnLastClose;
        b.createIfMissing = createIfMissing;
        b.hotValues = hotValues;
        b.properties.putAll(properties);
        return b;
    }

    public Path directory() {
        return directory;
    }

    public String namespace() {
        return namespace;
    }

    public String name() {
        return name;
    }

    public Serializer serializer() {
        return serializer;
    }

    public long streamMinBytes() {
        return streamMinBytes;
    }

    public long streamMaxBytes() {
        return streamMaxBytes;
    }

    public double streamToDumpRatio() {
        return streamToDumpRatio;
    }

    public Duration lockTimeout() {
        return lockTimeout;
    }

    public boolean unlinkOnLastClose() {
        return unlinkOnLastClose;
    }

    public boolean createIfMissing() {
        return createIfMissing;
    }

    public int hotValues() {
        return hotValues;
    }

    /**
     * Properties stored with the store when it is created and compared when another process
     * attaches: every process must give the same ones (the serializer's id is added to them).
     */
    public Map<String, String> properties() {
        return properties;
    }

    /** The shared properties as stored: the caller's plus the store's identity and the serializer's id. */
    Map<String, String> sharedProperties() {
        Map<String, String> all = new TreeMap<>(properties);
        all.put(SharedStore.NAMESPACE_PROPERTY, namespace);
        all.put(SharedStore.NAME_PROPERTY, name);
        all.put(SharedStore.SERIALIZER_PROPERTY, serializer.id());
        return all;
    }

    public static final class Builder {
        private final String namespace;
        private final String name;
        private Path directory;
        private Serializer serializer;
        private long streamMinBytes = DEFAULT_STREAM_MIN_BYTES;
        private long streamMaxBytes = DEFAULT_STREAM_MAX_BYTES;
        private double streamToDumpRatio = DEFAULT_STREAM_TO_DUMP_RATIO;
        private Duration lockTimeout = DEFAULT_LOCK_TIMEOUT;
        private boolean unlinkOnLastClose = true;
        private boolean createIfMissing = true;
        private int hotValues = DEFAULT_HOT_VALUES;
        private final Map<String, String> properties = new TreeMap<>();

        private Builder(String namespace, String name) {
            this.namespace = Objects.requireNonNull(namespace, "namespace");
            this.name = Objects.requireNonNull(name, "name");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("a store name must not be empty");
            }
        }

        /** Directory of the segment files; default {@code /dev/shm} on Linux, the temp directory elsewhere. */
        public Builder directory(Path directory) {
            this.directory = directory;
            return this;
        }

        public Builder serializer(Serializer serializer) {
            this.serializer = serializer;
            return this;
        }

        /** Smallest stream buffer, in bytes (at least 4 KiB). */
        public Builder streamMinBytes(long bytes) {
            if (bytes < 4096) {
                throw new IllegalArgumentException("stream buffer must hold at least 4096 bytes, not " + bytes);
            }
            this.streamMinBytes = bytes;
            return this;
        }

        /**
         * Largest stream buffer, in bytes; larger values go straight into dumps. A store whose
         * generations fill their streams in under a second doubles its stream up to this size;
         * equal to {@link #streamMinBytes} it fixes the size.
         */
        public Builder streamMaxBytes(long bytes) {
            if (bytes < 4096 || bytes > SegmentDirectory.MAX_SEGMENT_SIZE / 2) {
                throw new IllegalArgumentException("largest stream buffer must be between 4096 and "
                        + SegmentDirectory.MAX_SEGMENT_SIZE / 2 + " bytes, not " + bytes);
            }
            this.streamMaxBytes = bytes;
            return this;
        }

        /** Stream buffer size as a fraction of the dump's size (0.05 to 16). */
        public Builder streamToDumpRatio(double ratio) {
            if (!(ratio >= 0.05 && ratio <= 16)) {
                throw new IllegalArgumentException("stream-to-dump ratio must be between 0.05 and 16, not " + ratio);
            }
            this.streamToDumpRatio = ratio;
            return this;
        }

        /** How long to wait for the cross-process lock before failing; default 10 s. */
        public Builder lockTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("lock timeout must be positive, not " + timeout);
            }
            this.lockTimeout = timeout;
            return this;
        }

        /** Whether the last process to close the store removes its segments; default true. */
        public Builder unlinkOnLastClose(boolean unlink) {
            this.unlinkOnLastClose = unlink;
            return this;
        }

        /** Whether opening creates a missing store; if false, opening a missing store fails. Default true. */
        public Builder createIfMissing(boolean create) {
            this.createIfMissing = create;
            return this;
        }

        /**
         * Most values each per-process cache of decoded immutable values keeps (0 disables them);
         * default 1048576. The caches start small and grow to about four cells per entry of the
         * store; the near cache of String, number and UUID keys keeps its table at most half full,
         * so it may grow to twice this many cells. A cell costs 4 bytes plus, when used, the
         * decoded value and 32 bytes.
         */
        public Builder hotValues(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("hot value count must not be negative: " + count);
            }
            this.hotValues = count;
            return this;
        }

        /** A property every process must agree on; see {@link StoreConfig#properties()}. */
        public Builder property(String key, String value) {
            properties.put(Objects.requireNonNull(key), Objects.requireNonNull(value));
            return this;
        }

        public Builder properties(Map<String, String> all) {
            all.forEach(this::property);
            return this;
        }

        public StoreConfig build() {
            return new StoreConfig(this);
        }
    }
}
