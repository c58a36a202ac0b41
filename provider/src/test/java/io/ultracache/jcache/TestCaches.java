package io.ultracache.jcache;

import io.ultracache.jcache.spi.UltraCachingProvider;
import io.ultracache.testing.TestDirectories;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.cache.CacheManager;
import javax.cache.Caching;
import javax.cache.spi.CachingProvider;

/**
 * Cache managers for a test, all in a fresh segment directory of their own and with URIs no other
 * test uses, so tests (and builds running side by side) never meet. {@link #close()} closes the
 * managers and deletes the directory.
 */
public final class TestCaches implements AutoCloseable {
    private final String purpose;
    private final Path directory;
    private final List<CacheManager> managers = new ArrayList<>();

    private TestCaches(String purpose) {
        this.purpose = purpose;
        this.directory = TestDirectories.create("jcache-" + purpose);
    }

    public static TestCaches create(String purpose) {
        return new TestCaches(purpose);
    }

    public static CachingProvider provider() {
        return Caching.getCachingProvider(UltraCachingProvider.class.getName());
    }

    public Path directory() {
        return directory;
    }

    /** Properties that put a manager's caches in this test's directory. */
    public Properties properties() {
        Properties p = new Properties();
        p.setProperty("ultracache.directory", directory.toString());
        return p;
    }

    /** A URI no other manager has. */
    public URI newUri() {
        return URI.create("ultracache-test:" + purpose + "-" + UUID.randomUUID());
    }

    /** A new manager with a URI of its own. */
    public CacheManager newManager() {
        return manager(newUri(), null, new Properties());
    }

    /**
     * The manager of {@code uri} and {@code classLoader} (the provider's default if null), with
     * this test's directory and {@code extra} properties. Two class loaders give two managers, and
     * so two handles on each cache: as two processes would have.
     */
    public CacheManager manager(URI uri, ClassLoader classLoader, Properties extra) {
        Properties p = properties();
        p.putAll(extra);
        CacheManager manager = provider().getCacheManager(uri, classLoader, p);
        managers.add(manager);
        return manager;
    }

    /** A class loader that delegates everything to the test's: for a second manager of the same URI. */
    public static ClassLoader otherLoader() {
        return new ClassLoader(TestCaches.class.getClassLoader()) {
        };
    }

    @Override
    public void close() {
        for (CacheManager manager : managers) {
            manager.close();
        }
        TestDirectories.delete(directory);
    }
}
