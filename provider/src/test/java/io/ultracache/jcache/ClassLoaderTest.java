package io.ultracache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Date;
import java.util.Properties;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Values are decoded with the manager's class loader (as Hibernate needs), and readResolve is honoured (as Spring needs). */
class ClassLoaderTest {
    private TestCaches caches;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("loader");
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    /** Loads {@link LoaderScopedValue} itself, from the test classes, so its class is not the application's. */
    static final class ChildFirstLoader extends URLClassLoader {
        ChildFirstLoader() {
            super(new URL[] {LoaderScopedValue.class.getProtectionDomain().getCodeSource().getLocation()},
                    ClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(LoaderScopedValue.class.getName())) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                return loaded != null ? loaded : findClass(name);
            }
        }
    }

    @Test
    void valuesAreDecodedWithTheManagersClassLoader() throws Exception {
        URI uri = caches.newUri();
        try (ChildFirstLoader loader = new ChildFirstLoader()) {
            Class<?> theirs = loader.loadClass(LoaderScopedValue.class.getName());
            assertNotSame(LoaderScopedValue.class, theirs);
            Constructor<?> constructor = theirs.getConstructor(String.class);

            CacheManager withTheirLoader = caches.manager(uri, loader, new Properties());
            Cache<Object, Object> cache = withTheirLoader.createCache("entities", new MutableConfiguration<>());
            cache.put("k", constructor.newInstance("state"));
            Object read = cache.get("k");
            assertSame(theirs, read.getClass(), "decoded as the manager's loader's class");
            assertEquals("state", read.toString());

            Cache<Object, Object> appSide = caches.manager(uri, null, new Properties()).getCache("entities");
            Object readByApp = appSide.get("k");
            assertSame(LoaderScopedValue.class, readByApp.getClass(), "the other manager decodes with its own loader");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void readResolveIsHonouredAndMutableValuesAreCopies() {
        Cache<String, Object> cache = caches.newManager().createCache("spring", new MutableConfiguration<String, Object>()
                .setTypes(String.class, Object.class));
        cache.put("null", ResolvedSingleton.INSTANCE);
        assertSame(ResolvedSingleton.INSTANCE, cache.get("null"));
        Date date = new Date(1000);
        cache.put("date", date);
        date.setTime(2000);
        Date read = (Date) cache.get("date");
        assertEquals(new Date(1000), read, "store-by-value: changing the original changes nothing");
        read.setTime(3000);
        assertEquals(new Date(1000), cache.get("date"), "nor does changing what was read");
    }
}
