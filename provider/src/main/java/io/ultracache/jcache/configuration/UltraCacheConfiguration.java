package io.ultracache.jcache.configuration;

import io.ultracache.store.StoreConfig;
import java.time.Duration;
import java.util.Objects;
import javax.cache.configuration.CompleteConfiguration;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.MutableConfiguration;

/**
 * A JCache configuration with UltraCache's own settings: usable wherever a {@link Configuration}
 * is expected ({@code createCache(name, new UltraCacheConfiguration<>()...)}), and what
 * {@code cache.getConfiguration(UltraCacheConfiguration.class)} returns.
 *
 * <p>Each UltraCache setting may be left unset ({@code null}); a cache created with it then takes
 * the setting from its manager's properties (see {@link UltraCacheProperties}), or else the
 * engine's default. The configuration a cache reports has every setting resolved.
 *
 * <p>Caches are always store-by-value: a configuration asking for store-by-reference is refused by
 * {@code createCache} with an {@link UnsupportedOperationException}.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public class UltraCacheConfiguration<K, V> extends MutableConfiguration<K, V> {
    private static final long serialVersionUID = 1L;

    private String directory;
    private String serializer;
    private Long streamMinBytes;
    private Long streamMaxBytes;
    private Double streamToDumpRatio;
    private Duration lockTimeout;
    private Boolean unlinkOnLastClose;
    private Integer hotValues;
    private String serialAllowList;

    /** A configuration with the JCache defaults and no UltraCache setting set. */
    public UltraCacheConfiguration() {
    }

    /** A copy of {@code configuration}, including its UltraCache settings if it has any. */
    public UltraCacheConfiguration(CompleteConfiguration<K, V> configuration) {
        super(configuration);
        if (configuration instanceof UltraCacheConfiguration) {
            copySettingsFrom((UltraCacheConfiguration<?, ?>) configuration);
        }
    }

    /**
     * A copy of any configuration: a {@link CompleteConfiguration} is copied whole; of a plain
     * {@link Configuration} only the types and store-by-value are taken, the rest keeps the
     * JCache defaults.
     */
    public static <K, V> UltraCacheConfiguration<K, V> of(Configuration<K, V> configuration) {
        Objects.requireNonNull(configuration, "configuration must not be null");
        if (configuration instanceof CompleteConfiguration) {
            return new UltraCacheConfiguration<>((CompleteConfiguration<K, V>) configuration);
        }
        UltraCacheConfiguration<K, V> copy = new UltraCacheConfiguration<>();
        copy.setTypes(configuration.getKeyType(), configuration.getValueType());
        copy.setStoreByValue(configuration.isStoreByValue());
        return copy;
    }

    /** Copies the UltraCache settings (not the JCache ones) from {@code other}. */
    void copySettingsFrom(UltraCacheConfiguration<?, ?> other) {
        this.directory = other.directory;
        this.serializer = other.serializer;
        this.streamMinBytes = other.streamMinBytes;
        this.streamMaxBytes = other.streamMaxBytes;
        this.streamToDumpRatio = other.streamToDumpRatio;
        this.lockTimeout = other.lockTimeout;
        this.unlinkOnLastClose = other.unlinkOnLastClose;
        this.hotValues = other.hotValues;
    }

    /** Sets, from {@code fallback}, every UltraCache setting this configuration leaves unset. */
    void inheritUnsetSettings(UltraCacheConfiguration<?, ?> fallback) {
        if (directory == null) {
            directory = fallback.directory;
        }
        if (serializer == null) {
            serializer = fallback.serializer;
        }
        if (streamMinBytes == null) {
            streamMinBytes = fallback.streamMinBytes;
        }
        if (streamMaxBytes == null) {
            streamMaxBytes = fallback.streamMaxBytes;
        }
        if (streamToDumpRatio == null) {
            streamToDumpRatio = fallback.streamToDumpRatio;
        }
        if (lockTimeout == null) {
            lockTimeout = fallback.lockTimeout;
        }
        if (unlinkOnLastClose == null) {
            unlinkOnLastClose = fallback.unlinkOnLastClose;
        }
        if (hotValues == null) {
            hotValues = fallback.hotValues;
        }
        if (serialAllowList == null) {
            serialAllowList = fallback.serialAllowList;
        }
    }

    // ------------------------------------------------------------------ JCache setters, covariant

    @Override
    public UltraCacheConfiguration<K, V> setTypes(Class<K> keyType, Class<V> valueType) {
        super.setTypes(keyType, valueType);
        return this;
    }

    @Override
    public UltraCacheConfiguration<K, V> setStatisticsEnabled(boolean enabled) {
        super.setStatisticsEnabled(enabled);
        return this;
    }

    @Override
    public UltraCacheConfiguration<K, V> setManagementEnabled(boolean enabled) {
        super.setManagementEnabled(enabled);
        return this;
    }

    @Override
    public UltraCacheConfiguration<K, V> setReadThrough(boolean isReadThrough) {
        super.setReadThrough(isReadThrough);
        return this;
    }

    @Override
    public UltraCacheConfiguration<K, V> setWriteThrough(boolean isWriteThrough) {
        super.setWriteThrough(isWriteThrough);
        return this;
    }

    @Override
    public UltraCacheConfiguration<K, V> setStoreByValue(boolean isStoreByValue) {
        super.setStoreByValue(isStoreByValue);
        return this;
    }

    // ------------------------------------------------------------------ UltraCache settings

    /** Directory of the cache's segment files; null if not set here. */
    public String getDirectory() {
        return directory;
    }

    /**
     * Sets the directory of the cache's segment files (default: system property
     * {@code ultracache.directory}, else {@code /dev/shm}, else the temporary directory). Every
     * process sharing the cache must use the same directory.
     */
    public UltraCacheConfiguration<K, V> setDirectory(String directory) {
        this.directory = directory;
        return this;
    }

    /** Name of the serializer; null if not set here. */
    public String getSerializer() {
        return serializer;
    }

    /**
     * Sets the serializer by name: {@code standard} (the default: built-in codecs, then JDK
     * serialization), {@code jdk}, or the name of a class implementing
     * {@code io.ultracache.serial.Serializer}. Every process sharing the cache must use the same one.
     */
    public UltraCacheConfiguration<K, V> setSerializer(String serializer) {
        if (serializer != null && serializer.isBlank()) {
            throw new IllegalArgumentException("serializer name must not be blank");
        }
        this.serializer = serializer;
        return this;
    }

    /** Smallest stream buffer in bytes; null if not set here. */
    public Long getStreamMinBytes() {
        return streamMinBytes;
    }

    /** Sets the smallest stream buffer, in bytes (at least 4096; default 1 MiB). */
    public UltraCacheConfiguration<K, V> setStreamMinBytes(Long bytes) {
        if (bytes != null) {
            validation().streamMinBytes(bytes);
        }
        this.streamMinBytes = bytes;
        return this;
    }

    /** Largest stream buffer in bytes; null if not set here. */
    public Long getStreamMaxBytes() {
        return streamMaxBytes;
    }

    /** Sets the largest stream buffer, in bytes (default 256 MiB); larger values go straight into dumps. */
    public UltraCacheConfiguration<K, V> setStreamMaxBytes(Long bytes) {
        if (bytes != null) {
            validation().streamMaxBytes(bytes);
        }
        this.streamMaxBytes = bytes;
        return this;
    }

    /** Stream size as a fraction of the dump's; null if not set here. */
    public Double getStreamToDumpRatio() {
        return streamToDumpRatio;
    }

    /** Sets the stream buffer's size as a fraction of the dump's (0.05 to 16; default 8). */
    public UltraCacheConfiguration<K, V> setStreamToDumpRatio(Double ratio) {
        if (ratio != null) {
            validation().streamToDumpRatio(ratio);
        }
        this.streamToDumpRatio = ratio;
        return this;
    }

    /** How long an operation waits for the cross-process lock; null if not set here. */
    public Duration getLockTimeout() {
        return lockTimeout;
    }

    /** Sets how long an operation waits for the cache's cross-process lock before failing (default 10 s). */
    public UltraCacheConfiguration<K, V> setLockTimeout(Duration timeout) {
        if (timeout != null) {
            validation().lockTimeout(timeout);
        }
        this.lockTimeout = timeout;
        return this;
    }

    /** Whether the last process to close the cache removes its segments; null if not set here. */
    public Boolean getUnlinkOnLastClose() {
        return unlinkOnLastClose;
    }

    /**
     * Sets whether the last process to close the cache removes its segments, and so its entries
     * (default true). If false, the entries outlive every process until the cache is destroyed.
     */
    public UltraCacheConfiguration<K, V> setUnlinkOnLastClose(Boolean unlink) {
        this.unlinkOnLastClose = unlink;
        return this;
    }

    /** Number of decoded immutable values kept per process; null if not set here. */
    public Integer getHotValues() {
        return hotValues;
    }

    /** Sets how many decoded immutable values (strings, boxed numbers) each process keeps (0 disables; default 1048576). */
    public UltraCacheConfiguration<K, V> setHotValues(Integer count) {
        if (count != null) {
            validation().hotValues(count);
        }
        this.hotValues = count;
        return this;
    }

    /**
     * Classes the JDK, FST or Fory fallback may read, as {@code ultracache.serial.allow} patterns
     * (see {@link io.ultracache.serial.ClassAllowList}); null: that system property, else any class.
     * Per process; not part of what other processes must agree on.
     */
    public String getSerialAllowList() {
        return serialAllowList;
    }

    public UltraCacheConfiguration<K, V> setSerialAllowList(String patterns) {
        this.serialAllowList = patterns;
        return this;
    }

    /** A throwaway builder, so that settings are checked by the engine's own rules when they are set. */
    private static StoreConfig.Builder validation() {
        return StoreConfig.builder("validation", "validation");
    }

    @Override
    public boolean equals(Object other) {
        if (this == other) {
            return true;
        }
        if (!(other instanceof UltraCacheConfiguration) || !super.equals(other)) {
            return false;
        }
        UltraCacheConfiguration<?, ?> that = (UltraCacheConfiguration<?, ?>) other;
        return Objects.equals(directory, that.directory)
                && Objects.equals(serializer, that.serializer)
                && Objects.equals(streamMinBytes, that.streamMinBytes)
                && Objects.equals(streamMaxBytes, that.streamMaxBytes)
                && Objects.equals(streamToDumpRatio, that.streamToDumpRatio)
                && Objects.equals(lockTimeout, that.lockTimeout)
                && Objects.equals(unlinkOnLastClose, that.unlinkOnLastClose)
                && Objects.equals(hotValues, that.hotValues);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Objects.hash(directory, serializer, streamMinBytes, streamMaxBytes,
                streamToDumpRatio, lockTimeout, unlinkOnLastClose, hotValues);
    }

    @Override
    public String toString() {
        return "UltraCacheConfiguration[keyType=" + getKeyType().getName() + ", valueType=" + getValueType().getName()
                + ", readThrough=" + isReadThrough() + ", writeThrough=" + isWriteThrough()
                + ", statistics=" + isStatisticsEnabled() + ", management=" + isManagementEnabled()
                + ", directory=" + directory + ", serializer=" + serializer + ", streamMinBytes=" + streamMinBytes
                + ", streamMaxBytes=" + streamMaxBytes + ", streamToDumpRatio=" + streamToDumpRatio
                + ", lockTimeout=" + lockTimeout + ", unlinkOnLastClose=" + unlinkOnLastClose
                + ", hotValues=" + hotValues + "]";
    }
}
