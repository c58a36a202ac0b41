package io.ultracache.jcache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.configuration.MutableCacheEntryListenerConfiguration;
import javax.cache.configuration.FactoryBuilder;
import javax.cache.event.CacheEntryCreatedListener;
import javax.cache.processor.EntryProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Bad arguments get the exception JSR-107 prescribes and change nothing: null keys and values
 * give NullPointerException, keys and values of the wrong type for a typed cache ClassCastException,
 * any operation on a closed cache or manager IllegalStateException (checked before the arguments).
 */
class ArgumentChecksTest {
    private static final EntryProcessor<String, Long, Long> GET = (entry, args) -> entry.getValue();

    private TestCaches caches;
    private CacheManager manager;
    private Cache<String, Long> cache;

    @BeforeEach
    void setUp() {
        caches = TestCaches.create("args");
        manager = caches.newManager();
        cache = manager.createCache("typed", new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        cache.put("existing", 1L);
    }

    @AfterEach
    void tearDown() {
        caches.close();
    }

    /** Every operation of the Cache API that takes a key or value, with {@code key} and {@code value} as arguments. */
    private static Map<String, Consumer<Cache<Object, Object>>> operations(Object key, Object value) {
        Map<String, Consumer<Cache<Object, Object>>> ops = new LinkedHashMap<>();
        ops.put("get", c -> c.get(key));
        ops.put("getAll", c -> c.getAll(setOf(key)));
        ops.put("containsKey", c -> c.containsKey(key));
        ops.put("loadAll", c -> c.loadAll(setOf(key), false, null));
        ops.put("put", c -> c.put(key, value));
        ops.put("getAndPut", c -> c.getAndPut(key, value));
        ops.put("putAll", c -> c.putAll(mapOf(key, value)));
        ops.put("putIfAbsent", c -> c.putIfAbsent(key, value));
        ops.put("remove", c -> c.remove(key));
        ops.put("remove(k,v)", c -> c.remove(key, value));
        ops.put("getAndRemove", c -> c.getAndRemove(key));
        ops.put("replace(k,o,n)", c -> c.replace(key, value, value));
        ops.put("replace", c -> c.replace(key, value));
        ops.put("getAndReplace", c -> c.getAndReplace(key, value));
        ops.put("removeAll(keys)", c -> c.removeAll(setOf(key)));
        ops.put("invoke", c -> c.invoke(key, (e, a) -> null));
        ops.put("invokeAll", c -> c.invokeAll(setOf(key), (e, a) -> null));
        return ops;
    }

    private static Set<Object> setOf(Object element) {
        Set<Object> set = new HashSet<>();
        set.add(element);
        return set;
    }

    private static Map<Object, Object> mapOf(Object key, Object value) {
        Map<Object, Object> map = new HashMap<>();
        map.put(key, value);
        return map;
    }

    @SuppressWarnings("unchecked")
    private Cache<Object, Object> raw() {
        return (Cache<Object, Object>) (Cache<?, ?>) cache;
    }

    private void assertUnchanged() {
        assertEquals(1L, cache.get("existing"));
        int count = 0;
        for (Cache.Entry<String, Long> ignored : cache) {
            count++;
        }
        assertEquals(1, count, "nothing was added or removed");
    }

    @Test
    void nullKeysAreRefused() {
        operations(null, 2L).forEach((name, op) -> {
            try {
                op.accept(raw());
                fail(name + " accepted a null key");
            } catch (NullPointerException expected) {
                // as the spec says
            }
        });
        assertUnchanged();
    }

    @Test
    void nullValuesAreRefused() {
        Map<String, Consumer<Cache<Object, Object>>> ops = operations("existing", null);
        for (String name : new String[] {"put", "getAndPut", "putAll", "putIfAbsent", "remove(k,v)", "replace(k,o,n)",
                "replace", "getAndReplace"}) {
            assertThrows(NullPointerException.class, () -> ops.get(name).accept(raw()), name);
        }
        assertThrows(NullPointerException.class, () -> cache.replace("existing", 1L, null));
        assertThrows(NullPointerException.class, () -> cache.invoke("existing", null));
        assertThrows(NullPointerException.class, () -> cache.getAll(null));
        assertThrows(NullPointerException.class, () -> cache.putAll(null));
        assertThrows(NullPointerException.class, () -> cache.removeAll(null));
        assertThrows(NullPointerException.class, () -> cache.registerCacheEntryListener(null));
        Map<String, Long> withNull = new HashMap<>();
        withNull.put("fine", 5L);
        withNull.put("bad", null);
        assertThrows(NullPointerException.class, () -> cache.putAll(withNull));
        assertFalse(cache.containsKey("fine"), "putAll with a null value writes nothing");
        assertUnchanged();
    }

    @Test
    void keysOfTheWrongTypeAreRefused() {
        operations(42, 2L).forEach((name, op) ->
                assertThrows(ClassCastException.class, () -> op.accept(raw()), name + " with an Integer key"));
        assertUnchanged();
    }

    @Test
    void valuesOfTheWrongTypeAreRefused() {
        Map<String, Consumer<Cache<Object, Object>>> ops = operations("existing", "not a Long");
        for (String name : new String[] {"put", "getAndPut", "putAll", "putIfAbsent", "replace", "getAndReplace"}) {
            assertThrows(ClassCastException.class, () -> ops.get(name).accept(raw()), name);
        }
        assertThrows(ClassCastException.class, () -> raw().put("new", "not a Long"));
        assertUnchanged();
    }

    @Test
    void anEntryProcessorSettingAValueOfTheWrongTypeChangesNothing() {
        EntryProcessor<Object, Object, Object> setString = (entry, args) -> {
            entry.setValue("not a Long");
            return null;
        };
        Exception e = assertThrows(javax.cache.processor.EntryProcessorException.class,
                () -> raw().invoke("existing", setString));
        assertTrue(e.getCause() instanceof ClassCastException, String.valueOf(e.getCause()));
        assertUnchanged();
    }

    @Test
    void untypedCachesTakeAnything() {
        Cache<Object, Object> untyped = manager.createCache("untyped", new MutableConfiguration<>());
        untyped.put(1, "one");
        untyped.put("two", 2L);
        assertEquals("one", untyped.get(1));
        assertEquals(2L, untyped.get("two"));
    }

    @Test
    void everyOperationOnAClosedCacheIsIllegalStateEvenWithBadArguments() {
        cache.close();
        assertTrue(cache.isClosed());
        operations("existing", 2L).forEach((name, op) ->
                assertThrows(IllegalStateException.class, () -> op.accept(raw()), name));
        operations(null, null).forEach((name, op) ->
                assertThrows(IllegalStateException.class, () -> op.accept(raw()), name + " with nulls"));
        assertThrows(IllegalStateException.class, () -> cache.iterator());
        assertThrows(IllegalStateException.class, () -> cache.clear());
        assertThrows(IllegalStateException.class, () -> cache.removeAll());
        assertThrows(IllegalStateException.class, () -> cache.registerCacheEntryListener(
                new MutableCacheEntryListenerConfiguration<String, Long>(FactoryBuilder.factoryOf(Listener.class), null,
                        false, true)));
        assertThrows(IllegalStateException.class, () -> cache.invoke("existing", GET));
        cache.close(); // closing again is allowed
        assertNull(manager.getCache("typed"), "a closed cache leaves its manager");
    }

    @Test
    void anIteratorOfAClosedCacheFails() {
        java.util.Iterator<Cache.Entry<String, Long>> it = cache.iterator();
        cache.close();
        assertThrows(IllegalStateException.class, it::hasNext);
    }

    @Test
    void everyOperationOnAClosedManagerIsIllegalState() {
        manager.close();
        assertTrue(manager.isClosed());
        assertTrue(cache.isClosed(), "closing the manager closes its caches");
        assertThrows(IllegalStateException.class, () -> cache.get("existing"));
        assertThrows(IllegalStateException.class, () -> manager.createCache("x", new MutableConfiguration<>()));
        assertThrows(IllegalStateException.class, () -> manager.getCache("typed"));
        assertThrows(IllegalStateException.class, () -> manager.getCache("typed", String.class, Long.class));
        assertThrows(IllegalStateException.class, () -> manager.getCacheNames());
        assertThrows(IllegalStateException.class, () -> manager.destroyCache("typed"));
        assertThrows(IllegalStateException.class, () -> manager.enableStatistics("typed", true));
        assertThrows(IllegalStateException.class, () -> manager.enableManagement("typed", true));
        manager.close(); // closing again is allowed
    }

    @Test
    void managerArgumentsAreChecked() {
        assertThrows(NullPointerException.class, () -> manager.createCache(null, new MutableConfiguration<>()));
        assertThrows(NullPointerException.class, () -> manager.createCache("x", null));
        assertThrows(NullPointerException.class, () -> manager.getCache(null));
        assertThrows(NullPointerException.class, () -> manager.getCache("typed", null, Long.class));
        assertThrows(NullPointerException.class, () -> manager.destroyCache(null));
        assertThrows(ClassCastException.class, () -> manager.getCache("typed", String.class, String.class));
        assertThrows(javax.cache.CacheException.class, () -> manager.createCache("typed", new MutableConfiguration<>()),
                "a cache of that name already exists");
        assertThrows(UnsupportedOperationException.class, () -> manager.getCacheNames().iterator().remove());
        assertEquals(Collections.singletonList("typed"), toList(manager.getCacheNames()));
    }

    private static java.util.List<String> toList(Iterable<String> names) {
        java.util.List<String> list = new java.util.ArrayList<>();
        names.forEach(list::add);
        return list;
    }

    public static final class Listener implements CacheEntryCreatedListener<String, Long> {
        @Override
        public void onCreated(Iterable<javax.cache.event.CacheEntryEvent<? extends String, ? extends Long>> events) {
        }
    }
}
