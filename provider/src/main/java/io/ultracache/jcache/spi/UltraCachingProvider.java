package io.ultracache.jcache.spi;

import io.ultracache.jcache.UltraCacheManager;
import io.ultracache.jcache.configuration.UltraCacheProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.WeakHashMap;
import javax.cache.CacheManager;
import javax.cache.configuration.OptionalFeature;
import javax.cache.spi.CachingProvider;

/**
 * UltraCache's JCache {@link CachingProvider}, found by {@code Caching.getCachingProvider()}
 * through {@code META-INF/services/javax.cache.spi.CachingProvider}.
 *
 * <p>It keeps one open {@link CacheManager} per class loader and URI; a manager that was closed is
 * forgotten, so asking again gives a new, open one. The default URI, {@value #DEFAULT_URI_STRING},
 * is only a name; a {@code classpath:}, {@code file:} or {@code jar:} URI names a properties file
 * that configures the manager (see {@link UltraCacheProperties}).
 *
 * <p>Store-by-reference is not supported: caches live in shared memory, so entries are always
 * stored by value.
 */
public final class UltraCachingProvider implements CachingProvider {
    static final String DEFAULT_URI_STRING = "ultracache:default";
    private static final URI DEFAULT_URI = URI.create(DEFAULT_URI_STRING);

    /** Managers by class loader, then URI; guarded by this. */
    private final Map<ClassLoader, Map<URI, UltraCacheManager>> managers = new WeakHashMap<>();

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader, Properties properties) {
        URI managerUri = uri != null ? uri : getDefaultURI();
        ClassLoader loader = classLoader != null ? classLoader : getDefaultClassLoader();
        synchronized (this) {
            Map<URI, UltraCacheManager> byUri = managers.computeIfAbsent(loader, l -> new HashMap<>());
            UltraCacheManager manager = byUri.get(managerUri);
            if (manager == null || manager.isClosed()) {
                Properties merged = UltraCacheProperties.managerProperties(managerUri, loader, properties);
                manager = new UltraCacheManager(this, managerUri, loader, merged, this::managerClosed);
                byUri.put(managerUri, manager);
            }
            return manager;
        }
    }

    @Override
    public CacheManager getCacheManager(URI uri, ClassLoader classLoader) {
        return getCacheManager(uri, classLoader, getDefaultProperties());
    }

    @Override
    public CacheManager getCacheManager() {
        return getCacheManager(getDefaultURI(), getDefaultClassLoader());
    }

    @Override
    public ClassLoader getDefaultClassLoader() {
        return getClass().getClassLoader();
    }

    @Override
    public URI getDefaultURI() {
        return DEFAULT_URI;
    }

    @Override
    public Properties getDefaultProperties() {
        return new Properties();
    }

    @Override
    public void close() {
        List<UltraCacheManager> all = new ArrayList<>();
        synchronized (this) {
            for (Map<URI, UltraCacheManager> byUri : managers.values()) {
                all.addAll(byUri.values());
            }
            managers.clear();
        }
        all.forEach(UltraCacheManager::close);
    }

    @Override
    public void close(ClassLoader classLoader) {
        ClassLoader loader = classLoader != null ? classLoader : getDefaultClassLoader();
        Map<URI, UltraCacheManager> byUri;
        synchronized (this) {
            byUri = managers.remove(loader);
        }
        if (byUri != null) {
            new ArrayList<>(byUri.values()).forEach(UltraCacheManager::close);
        }
    }

    @Override
    public void close(URI uri, ClassLoader classLoader) {
        URI managerUri = uri != null ? uri : getDefaultURI();
        ClassLoader loader = classLoader != null ? classLoader : getDefaultClassLoader();
        UltraCacheManager manager = null;
        synchronized (this) {
            Map<URI, UltraCacheManager> byUri = managers.get(loader);
            if (byUri != null) {
                manager = byUri.remove(managerUri);
                if (byUri.isEmpty()) {
                    managers.remove(loader);
                }
            }
        }
        if (manager != null) {
            manager.close();
        }
    }

    /** Forgets a manager that was closed. */
    private synchronized void managerClosed(UltraCacheManager manager) {
        Map<URI, UltraCacheManager> byUri = managers.get(manager.getClassLoader());
        if (byUri != null && byUri.get(manager.getURI()) == manager) {
            byUri.remove(manager.getURI());
            if (byUri.isEmpty()) {
                managers.remove(manager.getClassLoader());
            }
        }
    }

    @Override
    public boolean isSupported(OptionalFeature optionalFeature) {
        switch (optionalFeature) {
            case STORE_BY_REFERENCE:
                return false;
            default:
                return false;
        }
    }
}
