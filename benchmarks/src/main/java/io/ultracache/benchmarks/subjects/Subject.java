package io.ultracache.benchmarks.subjects;

import java.util.List;
import java.util.function.Function;

/**
 * Every cache the benchmarks measure, with the JVM flags it needs: the harnesses start each JVM
 * that opens a subject with {@link #jvmFlags()}, so no flag has to be remembered by hand.
 */
public enum Subject {
    ULTRACACHE("UltraCache (SharedStore)", true, UltraCacheSubject::new),
    ULTRACACHE_JCACHE("UltraCache JCache", false, JCacheSubject::ultraCache),
    CONCURRENT_HASH_MAP("ConcurrentHashMap", false, ConcurrentHashMapSubject::new),
    CAFFEINE_JCACHE_BY_VALUE("Caffeine JCache, by value", false, c -> JCacheSubject.caffeine(c, true)),
    CAFFEINE_JCACHE_BY_REFERENCE("Caffeine JCache, by reference", false, c -> JCacheSubject.caffeine(c, false)),
    EHCACHE_JCACHE_BY_VALUE("Ehcache 3 JCache, by value", false, JCacheSubject::ehcache),
    CHRONICLE_MAP("Chronicle Map (/dev/shm file)", true, ChronicleMapSubject::new),
    REDIS("Redis (Jedis, loopback)", true, RedisSubject::new);

    /**
     * What Chronicle Map needs on Java 17+: it reaches into JDK internals for off-heap access and
     * compiles generated classes at run time. Analytics off: it would try to call out.
     */
    public static final List<String> CHRONICLE_FLAGS = List.of(
            "--add-exports=java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-exports=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED",
            "--add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED",
            "--add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "-Dchronicle.analytics.disable=true",
            "-Dchronicle.disk.monitor.disable=true");

    private final String label;
    private final boolean shared;
    private final Function<SubjectConfig, CacheSubject> opener;

    Subject(String label, boolean shared, Function<SubjectConfig, CacheSubject> opener) {
        this.label = label;
        this.shared = shared;
        this.opener = opener;
    }

    public String label() {
        return label;
    }

    /** Whether several processes see the same entries. */
    public boolean isShared() {
        return shared;
    }

    /** Flags a JVM that opens this subject must be started with. */
    public List<String> jvmFlags() {
        return this == CHRONICLE_MAP ? CHRONICLE_FLAGS : List.of();
    }

    /** Whether this build can open it: UltraCache's JCache provider is measured once it is on main. */
    public boolean isAvailable() {
        return this != ULTRACACHE_JCACHE || JCacheSubject.available(JCacheSubject.ULTRACACHE_PROVIDER);
    }

    /** Opens (creating or attaching to) the subject. */
    public CacheSubject open(SubjectConfig config) {
        return opener.apply(config);
    }
}
