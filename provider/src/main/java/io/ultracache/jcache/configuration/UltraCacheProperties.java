package io.ultracache.jcache.configuration;

import io.ultracache.serial.ClassAllowList;
import io.ultracache.serial.Serializers;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.cache.CacheException;
import javax.cache.configuration.Configuration;
import javax.cache.configuration.Factory;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.CreatedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import javax.cache.integration.CacheLoader;
import javax.cache.integration.CacheWriter;

/**
 * The one place that maps configuration to and from text: the properties a cache manager is
 * configured with, and the shared properties stored with each cache so that every process opening
 * it agrees on what it holds.
 *
 * <h2>Configuring a manager</h2>
 * A manager takes properties from two sources, the second overriding the first:
 * <ol>
 *   <li>its URI, if the URI names a properties file: {@code classpath:path/name.properties}
 *   (a resource of the manager's class loader), or a {@code file:} or {@code jar:} URI. Hibernate
 *   ({@code hibernate.javax.cache.uri}) and Spring ({@code spring.cache.jcache.config}) configure a
 *   provider this way; Hibernate resolves the value itself first, and takes a bare resource name
 *   ({@code ultracache.properties}) or {@code classpath://name}, not {@code classpath:name}, then
 *   hands this provider the {@code file:} or {@code jar:} URI it found. Any other URI (such as the
 *   default, {@code ultracache:default}) is only a name.</li>
 *   <li>the {@link Properties} given to {@code getCacheManager(uri, classLoader, properties)}.</li>
 * </ol>
 * Properties not starting with {@code ultracache.} are ignored; an {@code ultracache.} property
 * that is not listed below is an error, so a misspelt name is never silently ignored.
 *
 * <table>
 *   <caption>Manager-wide properties: defaults for every cache of the manager</caption>
 *   <tr><th>property</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code ultracache.namespace}</td><td>what names the manager's caches across processes:
 *       processes whose managers have the same namespace share caches of the same name</td>
 *       <td>the manager's URI</td></tr>
 *   <tr><td>{@code ultracache.directory}</td><td>directory of the segment files</td>
 *       <td>system property {@code ultracache.directory}, else {@code /dev/shm}, else the temporary
 *       directory</td></tr>
 *   <tr><td>{@code ultracache.serializer}</td><td>{@code standard} (built-in codecs, then JDK
 *       serialization), {@code fst} or {@code fory} (built-in codecs, then that library, which must
 *       be on the class path; FST also needs {@code --add-opens} flags), {@code jdk} (the same as
 *       {@code standard}), or the name of a class implementing {@code io.ultracache.serial.Serializer}
 *       (used as it is)</td><td>{@code standard}</td></tr>
 *   <tr><td>{@code ultracache.serial.allow}</td><td>classes the fallback may read, in
 *       {@code ObjectInputFilter} pattern syntax separated by {@code ;} (for example
 *       {@code com.example.**;!com.example.Unsafe}); manager-wide only</td><td>the system property of
 *       the same name, else any class</td></tr>
 *   <tr><td>{@code ultracache.lockTimeout}</td><td>a duration: {@code 500ms}, {@code 10s},
 *       {@code 2m}, {@code 1h}, a number of milliseconds, or ISO-8601 ({@code PT10S})</td>
 *       <td>{@code 10s}</td></tr>
 *   <tr><td>{@code ultracache.unlinkOnLastClose}</td><td>{@code true} or {@code false}</td>
 *       <td>{@code true}</td></tr>
 *   <tr><td>{@code ultracache.hotValues}</td><td>most values each per-process cache of decoded
 *       immutable values keeps (their tables grow to about four cells per entry); 0 disables them</td><td>{@code 1048576}</td></tr>
 *   <tr><td>{@code ultracache.streamMinBytes}</td><td>a size: {@code 4096}, {@code 64k},
 *       {@code 1m}, {@code 1g} (binary units)</td><td>{@code 1m}</td></tr>
 *   <tr><td>{@code ultracache.streamMaxBytes}</td><td>a size</td><td>{@code 256m}</td></tr>
 *   <tr><td>{@code ultracache.streamToDumpRatio}</td><td>a number from 0.05 to 16</td>
 *       <td>{@code 8}</td></tr>
 *   <tr><td>{@code ultracache.caches}</td><td>comma-separated names of caches to create, with the
 *       defaults, on their first {@code getCache}</td><td>none</td></tr>
 * </table>
 *
 * <table>
 *   <caption>Per-cache properties: {@code ultracache.cache.<name>.<setting>}; naming a cache here
 *   lists it, so that it is created on its first {@code getCache}. The name may contain dots.</caption>
 *   <tr><th>setting</th><th>value</th><th>default</th></tr>
 *   <tr><td>{@code keyType}, {@code valueType}</td><td>a class name, loaded with the manager's class
 *       loader</td><td>{@code java.lang.Object}</td></tr>
 *   <tr><td>{@code expiry}</td><td>{@code eternal}, or {@code created:}, {@code accessed:},
 *       {@code modified:} or {@code touched:} followed by a duration (JCache's standard policies)</td>
 *       <td>{@code eternal}</td></tr>
 *   <tr><td>{@code statistics}, {@code management}</td><td>{@code true} or {@code false}</td>
 *       <td>{@code false}</td></tr>
 *   <tr><td>{@code directory}, {@code serializer}, {@code lockTimeout}, {@code unlinkOnLastClose},
 *       {@code hotValues}, {@code streamMinBytes}, {@code streamMaxBytes},
 *       {@code streamToDumpRatio}</td><td>as the manager-wide property of the same name</td>
 *       <td>the manager-wide value</td></tr>
 * </table>
 *
 * <p>Settings made in code, on an {@link UltraCacheConfiguration} given to {@code createCache}, take
 * precedence over the per-cache properties, which take precedence over the manager-wide ones.
 *
 * <h2>Shared properties</h2>
 * Each cache's store keeps {@value #SHARED_KEY_TYPE}, {@value #SHARED_VALUE_TYPE} and
 * {@value #SHARED_EXPIRY}, and the engine keeps the serializer's exact format id. A process that
 * opens the cache with different ones is refused with a message listing both sides (so two names
 * for one format, such as {@code standard} and {@code jdk}, are fine together). The store also
 * keeps, uncompared, how its creator set up the rest: statistics and management flags, read- and
 * write-through with their loader and writer factories, the store settings. A process that asks
 * for a cache it has no configuration for ({@code getCache}) attaches with all of it. Factories that Java serialization cannot write are process-local: such a process
 * supplies its own (see {@code FactoryText}).
 */
public final class UltraCacheProperties {
    /** Prefix of every UltraCache property. */
    public static final String PREFIX = "ultracache.";
    public static final String NAMESPACE = PREFIX + "namespace";
    public static final String CACHES = PREFIX + "caches";
    /** Prefix of per-cache properties: {@code ultracache.cache.<name>.<setting>}. */
    public static final String CACHE_PREFIX = PREFIX + "cache.";

    public static final String DIRECTORY = "directory";
    public static final String SERIALIZER = "serializer";
    public static final String LOCK_TIMEOUT = "lockTimeout";
    public static final String UNLINK_ON_LAST_CLOSE = "unlinkOnLastClose";
    public static final String HOT_VALUES = "hotValues";
    public static final String STREAM_MIN_BYTES = "streamMinBytes";
    public static final String STREAM_MAX_BYTES = "streamMaxBytes";
    public static final String STREAM_TO_DUMP_RATIO = "streamToDumpRatio";
    public static final String KEY_TYPE = "keyType";
    public static final String VALUE_TYPE = "valueType";
    public static final String EXPIRY = "expiry";
    public static final String STATISTICS = "statistics";
    public static final String MANAGEMENT = "management";

    /** Shared property: the cache's key type. */
    public static final String SHARED_KEY_TYPE = "jcache.keyType";
    /** Shared property: the cache's value type. */
    public static final String SHARED_VALUE_TYPE = "jcache.valueType";
    /** Shared property: the configured name of the cache's serializer. */
    /** Shared property, stored by the creator: the serializer's name (the engine compares its exact format id). */
    public static final String SHARED_SERIALIZER_NAME = SharedStore.CREATOR_PREFIX + "jcache.serializer";
    /** Shared property: the expiry policy factory (see {@link FactoryText}); compared on attach. */
    public static final String SHARED_EXPIRY = "jcache.expiryPolicyFactory";
    static final String CREATED_STATISTICS = SharedStore.CREATOR_PREFIX + "jcache.statisticsEnabled";
    static final String CREATED_MANAGEMENT = SharedStore.CREATOR_PREFIX + "jcache.managementEnabled";
    static final String CREATED_READ_THROUGH = SharedStore.CREATOR_PREFIX + "jcache.readThrough";
    static final String CREATED_WRITE_THROUGH = SharedStore.CREATOR_PREFIX + "jcache.writeThrough";
    static final String CREATED_LOADER = SharedStore.CREATOR_PREFIX + "jcache.cacheLoaderFactory";
    static final String CREATED_WRITER = SharedStore.CREATOR_PREFIX + "jcache.cacheWriterFactory";
    /** Followed by a store setting's name (as in {@code ultracache.<setting>}). */
    static final String CREATED_STORE = SharedStore.CREATOR_PREFIX + "store.";

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(?:([kKmMgG])(?:[iI]?[bB])?|[bB])?");
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|MS|Ms|s|S|m|M|h|H|d|D)?");

    private static final List<String> STORE_SETTINGS = List.of(DIRECTORY, SERIALIZER, LOCK_TIMEOUT,
            UNLINK_ON_LAST_CLOSE, HOT_VALUES, STREAM_MIN_BYTES, STREAM_MAX_BYTES, STREAM_TO_DUMP_RATIO);
    private static final List<String> CACHE_ONLY_SETTINGS = List.of(KEY_TYPE, VALUE_TYPE, EXPIRY, STATISTICS, MANAGEMENT);

    private UltraCacheProperties() {
    }

    /**
     * What a manager's properties say: its namespace (null: the manager's URI), the defaults for
     * its caches, and the caches they list.
     */
    public static final class ManagerSettings {
        private final String namespace;
        private final UltraCacheConfiguration<Object, Object> defaults;
        private final Map<String, UltraCacheConfiguration<Object, Object>> caches;

        ManagerSettings(String namespace, UltraCacheConfiguration<Object, Object> defaults,
                Map<String, UltraCacheConfiguration<Object, Object>> caches) {
            this.namespace = namespace;
            this.defaults = defaults;
            this.caches = Collections.unmodifiableMap(caches);
        }

        /** The namespace the properties set, or null to use the manager's URI. */
        public String namespace() {
            return namespace;
        }

        /** Manager-wide UltraCache settings (only the UltraCache settings are meaningful). */
        public UltraCacheConfiguration<Object, Object> defaults() {
            return defaults;
        }

        /** Caches listed by the properties, by name, in the order listed. */
        public Map<String, UltraCacheConfiguration<Object, Object>> caches() {
            return caches;
        }
    }

    // ---------------------------------------------------------------- reading a manager's properties

    /**
     * The properties of a manager: those of the file its URI names, if it names one, overridden by
     * {@code explicit}.
     *
     * @throws CacheException if the URI names a properties file that cannot be read
     */
    public static Properties managerProperties(URI uri, ClassLoader classLoader, Properties explicit) {
        Properties merged = new Properties();
        Properties fromUri = fromUri(uri, classLoader);
        if (fromUri != null) {
            merged.putAll(fromUri);
        }
        if (explicit != null) {
            for (String name : explicit.stringPropertyNames()) {
                merged.setProperty(name, explicit.getProperty(name));
            }
        }
        return merged;
    }

    /** Whether a URI names a properties file rather than being only a name. */
    public static boolean namesPropertiesFile(URI uri) {
        String scheme = uri.getScheme();
        return "classpath".equalsIgnoreCase(scheme) || "file".equalsIgnoreCase(scheme) || "jar".equalsIgnoreCase(scheme);
    }

    private static Properties fromUri(URI uri, ClassLoader classLoader) {
        if (!namesPropertiesFile(uri)) {
            return null;
        }
        URL url;
        try {
            if ("classpath".equalsIgnoreCase(uri.getScheme())) {
                String path = uri.getSchemeSpecificPart();
                while (path.startsWith("/")) {
                    path = path.substring(1);
                }
                url = classLoader != null ? classLoader.getResource(path) : ClassLoader.getSystemResource(path);
                if (url == null) {
                    throw new CacheException("cache manager URI " + uri + " names the class path resource '" + path
                            + "', which the manager's class loader cannot find");
                }
            } else {
                url = uri.toURL();
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new CacheException("cache manager URI " + uri + " cannot be read as a properties file: " + e, e);
        }
        Properties properties = new Properties();
        try (InputStream in = url.openStream()) {
            properties.load(in);
        } catch (IOException e) {
            throw new CacheException("cannot read the properties file " + url + " named by cache manager URI " + uri
                    + ": " + e, e);
        }
        return properties;
    }

    /**
     * Parses a manager's properties.
     *
     * @throws CacheException naming the property if one is unknown or has a bad value
     */
    public static ManagerSettings parse(Properties properties, ClassLoader classLoader) {
        String namespace = null;
        UltraCacheConfiguration<Object, Object> defaults = new UltraCacheConfiguration<>();
        Map<String, UltraCacheConfiguration<Object, Object>> caches = new LinkedHashMap<>();
        // sorted, so that errors and the order of listed caches do not depend on hashing
        Map<String, String> sorted = new TreeMap<>();
        for (String name : properties.stringPropertyNames()) {
            if (name.startsWith(PREFIX)) {
                sorted.put(name, properties.getProperty(name).trim());
            }
        }
        String listed = sorted.remove(CACHES);
        if (listed != null) {
            for (String cacheName : listed.split(",")) {
                if (!cacheName.isBlank()) {
                    caches.computeIfAbsent(cacheName.trim(), n -> new UltraCacheConfiguration<>());
                }
            }
        }
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            String property = e.getKey();
            String value = e.getValue();
            if (property.equals(NAMESPACE)) {
                if (value.isEmpty()) {
                    throw bad(property, value, "a namespace must not be empty");
                }
                namespace = value;
            } else if (property.equals(ClassAllowList.PROPERTY)) {
                defaults.setSerialAllowList(value);
            } else if (property.startsWith(CACHE_PREFIX)) {
                String rest = property.substring(CACHE_PREFIX.length());
                int dot = rest.lastIndexOf('.');
                if (dot <= 0 || dot == rest.length() - 1) {
                    throw new CacheException("property " + property + " does not have the form " + CACHE_PREFIX
                            + "<cache name>.<setting>; settings: " + String.join(", ", allCacheSettings()));
                }
                String cacheName = rest.substring(0, dot);
                String setting = rest.substring(dot + 1);
                applyCacheSetting(caches.computeIfAbsent(cacheName, n -> new UltraCacheConfiguration<>()), property,
                        setting, value, classLoader);
            } else {
                String setting = property.substring(PREFIX.length());
                if (!STORE_SETTINGS.contains(setting)) {
                    throw new CacheException("unknown property " + property + "; UltraCache's manager-wide properties are "
                            + NAMESPACE + ", " + CACHES + ", " + ClassAllowList.PROPERTY + ", " + PREFIX + String.join(", " + PREFIX, STORE_SETTINGS)
                            + ", and per cache " + CACHE_PREFIX + "<cache name>.<setting>");
                }
                applyStoreSetting(defaults, property, setting, value);
            }
        }
        return new ManagerSettings(namespace, defaults, caches);
    }

    private static List<String> allCacheSettings() {
        List<String> all = new java.util.ArrayList<>(CACHE_ONLY_SETTINGS);
        all.addAll(STORE_SETTINGS);
        return all;
    }

    private static void applyCacheSetting(UltraCacheConfiguration<Object, Object> config, String property, String setting,
            String value, ClassLoader classLoader) {
        switch (setting) {
            case KEY_TYPE:
                config.setTypes(loadClass(property, value, classLoader), config.getValueType());
                break;
            case VALUE_TYPE:
                config.setTypes(config.getKeyType(), loadClass(property, value, classLoader));
                break;
            case EXPIRY:
                config.setExpiryPolicyFactory(new FactoryBuilder.SingletonFactory<>(parseExpiry(property, value)));
                break;
            case STATISTICS:
                config.setStatisticsEnabled(parseBoolean(property, value));
                break;
            case MANAGEMENT:
                config.setManagementEnabled(parseBoolean(property, value));
                break;
            default:
                if (!STORE_SETTINGS.contains(setting)) {
                    throw new CacheException("unknown setting '" + setting + "' in property " + property
                            + "; per-cache settings are " + String.join(", ", allCacheSettings()));
                }
                applyStoreSetting(config, property, setting, value);
        }
    }

    private static void applyStoreSetting(UltraCacheConfiguration<?, ?> config, String property, String setting, String value) {
        try {
            switch (setting) {
                case DIRECTORY:
                    if (value.isEmpty()) {
                        throw bad(property, value, "a directory must not be empty");
                    }
                    config.setDirectory(value);
                    break;
                case SERIALIZER:
                    config.setSerializer(value);
                    break;
                case LOCK_TIMEOUT:
                    config.setLockTimeout(parseDuration(property, value));
                    break;
                case UNLINK_ON_LAST_CLOSE:
                    config.setUnlinkOnLastClose(parseBoolean(property, value));
                    break;
                case HOT_VALUES:
                    config.setHotValues(parseInt(property, value));
                    break;
                case STREAM_MIN_BYTES:
                    config.setStreamMinBytes(parseSize(property, value));
                    break;
                case STREAM_MAX_BYTES:
                    config.setStreamMaxBytes(parseSize(property, value));
                    break;
                case STREAM_TO_DUMP_RATIO:
                    config.setStreamToDumpRatio(parseDouble(property, value));
                    break;
                default:
                    throw new IllegalStateException("unhandled setting " + setting);
            }
        } catch (IllegalArgumentException e) {
            throw bad(property, value, e.getMessage());
        }
    }

    private static CacheException bad(String property, String value, String why) {
        return new CacheException("bad value '" + value + "' for property " + property + ": " + why);
    }

    private static Class<Object> loadClass(String property, String value, ClassLoader classLoader) {
        try {
            @SuppressWarnings("unchecked")
            Class<Object> type = (Class<Object>) Class.forName(value, false, classLoader);
            return type;
        } catch (ClassNotFoundException | LinkageError e) {
            throw new CacheException("property " + property + " names class " + value
                    + ", which the manager's class loader cannot load: " + e, e);
        }
    }

    private static boolean parseBoolean(String property, String value) {
        if (value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("false")) {
            return false;
        }
        throw bad(property, value, "expected true or false");
    }

    private static int parseInt(String property, String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw bad(property, value, "expected a whole number");
        }
    }

    private static double parseDouble(String property, String value) {
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw bad(property, value, "expected a number such as 0.5");
        }
    }

    /** A size in bytes: a number, optionally followed by k, m or g (binary units; "KiB", "kb", "MB" too). */
    static long parseSize(String property, String value) {
        Matcher m = SIZE.matcher(value.trim());
        if (!m.matches()) {
            throw bad(property, value, "expected a size such as 4096, 64k, 1m or 1g");
        }
        String unit = m.group(2) == null ? "" : m.group(2).toLowerCase(Locale.ROOT);
        int shift = unit.equals("k") ? 10 : unit.equals("m") ? 20 : unit.equals("g") ? 30 : 0;
        try {
            return Math.multiplyExact(Long.parseLong(m.group(1)), 1L << shift);
        } catch (NumberFormatException | ArithmeticException e) {
            throw bad(property, value, "too large");
        }
    }

    /** A duration: ISO-8601 ({@code PT10S}), a number with a unit (ms, s, m, h, d), or a number of milliseconds. */
    static Duration parseDuration(String property, String value) {
        String v = value.trim();
        if (v.startsWith("P") || v.startsWith("p")) {
            try {
                return Duration.parse(v);
            } catch (DateTimeParseException e) {
                throw bad(property, value, "not an ISO-8601 duration");
            }
        }
        Matcher m = DURATION.matcher(v);
        if (!m.matches()) {
            throw bad(property, value, "expected a duration such as 500ms, 10s, 2m, 1h or PT10S");
        }
        String unit = m.group(2) == null ? "ms" : m.group(2).toLowerCase(Locale.ROOT);
        TimeUnit timeUnit;
        switch (unit) {
            case "s": timeUnit = TimeUnit.SECONDS; break;
            case "m": timeUnit = TimeUnit.MINUTES; break;
            case "h": timeUnit = TimeUnit.HOURS; break;
            case "d": timeUnit = TimeUnit.DAYS; break;
            default: timeUnit = TimeUnit.MILLISECONDS;
        }
        try {
            return Duration.ofMillis(timeUnit.toMillis(Long.parseLong(m.group(1))));
        } catch (NumberFormatException e) {
            throw bad(property, value, "too large");
        }
    }

    private static ExpiryPolicy parseExpiry(String property, String value) {
        if (value.equalsIgnoreCase("eternal")) {
            return new EternalExpiryPolicy();
        }
        int colon = value.indexOf(':');
        if (colon < 0) {
            throw bad(property, value, "expected eternal, or created:, accessed:, modified: or touched: and a duration");
        }
        long millis = parseDuration(property, value.substring(colon + 1)).toMillis();
        javax.cache.expiry.Duration duration = new javax.cache.expiry.Duration(TimeUnit.MILLISECONDS, millis);
        switch (value.substring(0, colon).trim().toLowerCase(Locale.ROOT)) {
            case "created":
                return new CreatedExpiryPolicy(duration);
            case "accessed":
                return new AccessedExpiryPolicy(duration);
            case "modified":
                return new ModifiedExpiryPolicy(duration);
            case "touched":
                return new TouchedExpiryPolicy(duration);
            default:
                throw bad(property, value, "expected eternal, or created:, accessed:, modified: or touched: and a duration");
        }
    }

    // ---------------------------------------------------------------- resolving a cache's configuration

    /**
     * The configuration a cache is created with: a copy of {@code requested} whose unset UltraCache
     * settings are taken from {@code listed} (the cache's own properties, may be null), then from
     * {@code settings}' manager-wide defaults, then from the engine's defaults.
     */
    public static <K, V> UltraCacheConfiguration<K, V> resolve(Configuration<K, V> requested,
            UltraCacheConfiguration<?, ?> listed, ManagerSettings settings) {
        UltraCacheConfiguration<K, V> resolved = UltraCacheConfiguration.of(requested);
        if (listed != null) {
            resolved.inheritUnsetSettings(listed);
        }
        resolved.inheritUnsetSettings(settings.defaults());
        if (resolved.getSerializer() == null) {
            resolved.setSerializer(Serializers.STANDARD);
        }
        if (resolved.getStreamMinBytes() == null) {
            resolved.setStreamMinBytes(StoreConfig.DEFAULT_STREAM_MIN_BYTES);
        }
        if (resolved.getStreamMaxBytes() == null) {
            resolved.setStreamMaxBytes(Math.max(resolved.getStreamMinBytes(), StoreConfig.DEFAULT_STREAM_MAX_BYTES));
        }
        if (resolved.getStreamToDumpRatio() == null) {
            resolved.setStreamToDumpRatio(StoreConfig.DEFAULT_STREAM_TO_DUMP_RATIO);
        }
        if (resolved.getLockTimeout() == null) {
            resolved.setLockTimeout(StoreConfig.DEFAULT_LOCK_TIMEOUT);
        }
        if (resolved.getUnlinkOnLastClose() == null) {
            resolved.setUnlinkOnLastClose(true);
        }
        if (resolved.getHotValues() == null) {
            resolved.setHotValues(StoreConfig.DEFAULT_HOT_VALUES);
        }
        return resolved;
    }

    /** The directory a manager's caches live in unless a cache says otherwise. */
    public static java.nio.file.Path directory(ManagerSettings settings) {
        String configured = settings.defaults().getDirectory();
        if (configured != null) {
            return java.nio.file.Path.of(configured);
        }
        return StoreConfig.builder("default", "default").build().directory(); // the engine's default
    }

    /**
     * The store configuration of a cache whose configuration was {@link #resolve resolved}; sets the
     * resolved configuration's directory if it had none.
     *
     * @param classLoader the manager's class loader, with which the serializer resolves classes
     */
    public static StoreConfig storeConfig(String namespace, String cacheName, UltraCacheConfiguration<?, ?> resolved,
            ClassLoader classLoader) {
        StoreConfig.Builder builder = StoreConfig.builder(namespace, cacheName)
                .serializer(Serializers.byName(resolved.getSerializer(), classLoader, resolved.getSerialAllowList() == null
                        ? Map.of() : Map.of(ClassAllowList.PROPERTY, resolved.getSerialAllowList())))
                .streamMinBytes(resolved.getStreamMinBytes())
                .streamMaxBytes(resolved.getStreamMaxBytes())
                .streamToDumpRatio(resolved.getStreamToDumpRatio())
                .lockTimeout(resolved.getLockTimeout())
                .unlinkOnLastClose(resolved.getUnlinkOnLastClose())
                .hotValues(resolved.getHotValues())
                .properties(sharedProperties(resolved));
        if (resolved.getDirectory() != null) {
            builder.directory(java.nio.file.Path.of(resolved.getDirectory()));
        }
        StoreConfig config = builder.build();
        if (resolved.getDirectory() == null) {
            resolved.setDirectory(config.directory().toString());
        }
        return config;
    }

    /**
     * The properties stored with a cache: key type, value type, serializer and expiry policy
     * factory, compared when another process opens the cache (they must agree for the processes to
     * read each other's entries and agree on when they expire); and, under
     * {@value io.ultracache.store.SharedStore#CREATOR_PREFIX}, how its creator set up the rest
     * (statistics, management, read- and write-through with their factories, the store's tuning),
     * which another process finding the cache with {@code getCache} adopts, and need not repeat.
     */
    public static Map<String, String> sharedProperties(UltraCacheConfiguration<?, ?> resolved) {
        Map<String, String> shared = new TreeMap<>();
        shared.put(SHARED_KEY_TYPE, resolved.getKeyType().getName());
        shared.put(SHARED_VALUE_TYPE, resolved.getValueType().getName());
        shared.put(SHARED_SERIALIZER_NAME, Objects.requireNonNull(resolved.getSerializer(), "serializer"));
        if (resolved.getExpiryPolicyFactory() != null) {
            shared.put(SHARED_EXPIRY, FactoryText.of(resolved.getExpiryPolicyFactory()));
        }
        shared.put(CREATED_STATISTICS, Boolean.toString(resolved.isStatisticsEnabled()));
        shared.put(CREATED_MANAGEMENT, Boolean.toString(resolved.isManagementEnabled()));
        shared.put(CREATED_READ_THROUGH, Boolean.toString(resolved.isReadThrough()));
        shared.put(CREATED_WRITE_THROUGH, Boolean.toString(resolved.isWriteThrough()));
        if (resolved.getCacheLoaderFactory() != null) {
            shared.put(CREATED_LOADER, FactoryText.of(resolved.getCacheLoaderFactory()));
        }
        if (resolved.getCacheWriterFactory() != null) {
            shared.put(CREATED_WRITER, FactoryText.of(resolved.getCacheWriterFactory()));
        }
        shared.put(CREATED_STORE + STREAM_MIN_BYTES, String.valueOf(resolved.getStreamMinBytes()));
        shared.put(CREATED_STORE + STREAM_MAX_BYTES, String.valueOf(resolved.getStreamMaxBytes()));
        shared.put(CREATED_STORE + STREAM_TO_DUMP_RATIO, String.valueOf(resolved.getStreamToDumpRatio()));
        shared.put(CREATED_STORE + LOCK_TIMEOUT, resolved.getLockTimeout().toMillis() + "ms");
        shared.put(CREATED_STORE + UNLINK_ON_LAST_CLOSE, String.valueOf(resolved.getUnlinkOnLastClose()));
        shared.put(CREATED_STORE + HOT_VALUES, String.valueOf(resolved.getHotValues()));
        return shared;
    }

    /**
     * The configuration to attach to an existing cache with: its key and value types and
     * serializer, as stored by the process that created it; the JCache defaults for the rest.
     *
     * @throws CacheException if the stored properties are not UltraCache's, or a type cannot be loaded
     */
    public static UltraCacheConfiguration<Object, Object> fromSharedProperties(String cacheName, Map<String, String> stored,
            ClassLoader classLoader) {
        String keyType = stored.get(SHARED_KEY_TYPE);
        String valueType = stored.get(SHARED_VALUE_TYPE);
        String serializer = stored.get(SHARED_SERIALIZER_NAME);
        if (keyType == null || valueType == null || serializer == null) {
            throw new CacheException("cache '" + cacheName + "' exists but was not created through JCache (its shared"
                    + " properties are " + stored + "); it cannot be opened as a JCache cache");
        }
        UltraCacheConfiguration<Object, Object> config = new UltraCacheConfiguration<>();
        config.setTypes(loadClass(SHARED_KEY_TYPE + " of cache '" + cacheName + "'", keyType, classLoader),
                loadClass(SHARED_VALUE_TYPE + " of cache '" + cacheName + "'", valueType, classLoader));
        config.setSerializer(serializer);
        Factory<ExpiryPolicy> expiry = FactoryText.parse(SHARED_EXPIRY, stored.get(SHARED_EXPIRY), classLoader);
        if (expiry != null) {
            config.setExpiryPolicyFactory(expiry);
        }
        config.setStatisticsEnabled(Boolean.parseBoolean(stored.get(CREATED_STATISTICS)));
        config.setManagementEnabled(Boolean.parseBoolean(stored.get(CREATED_MANAGEMENT)));
        Factory<CacheLoader<Object, Object>> loader = FactoryText.parse(CREATED_LOADER, stored.get(CREATED_LOADER), classLoader);
        Factory<CacheWriter<Object, Object>> writer = FactoryText.parse(CREATED_WRITER, stored.get(CREATED_WRITER), classLoader);
        if (loader != null) {
            config.setCacheLoaderFactory(loader);
            config.setReadThrough(Boolean.parseBoolean(stored.get(CREATED_READ_THROUGH)));
        }
        if (writer != null) {
            config.setCacheWriterFactory(writer);
            config.setWriteThrough(Boolean.parseBoolean(stored.get(CREATED_WRITE_THROUGH)));
        }
        for (String setting : STORE_SETTINGS) {
            String value = stored.get(CREATED_STORE + setting);
            if (value != null && !value.equals("null")) {
                applyStoreSetting(config, CREATED_STORE + setting, setting, value);
            }
        }
        return config;
    }
}
