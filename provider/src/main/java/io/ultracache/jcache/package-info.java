/**
 * UltraCache's JCache (JSR-107) provider: caches that live in shared memory, so that every JVM of a
 * machine opening the same cache sees the same entries.
 *
 * <pre>{@code
 * CacheManager manager = Caching.getCachingProvider().getCacheManager();   // URI ultracache:default
 * Cache<String, Long> hits = manager.createCache("hits",
 *         new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
 * hits.invoke("home", (entry, args) -> {                 // atomic across every process
 *     entry.setValue(entry.exists() ? entry.getValue() + 1 : 1L);
 *     return null;
 * });
 * }</pre>
 *
 * <p>{@link io.ultracache.jcache.UltraCache} is a thin proxy over one
 * {@link io.ultracache.store.SharedStore} per cache; {@link io.ultracache.jcache.UltraCacheManager}
 * names stores after its URI and the cache name; {@link io.ultracache.jcache.spi.UltraCachingProvider}
 * is found through {@code META-INF/services}. Configuration:
 * {@link io.ultracache.jcache.configuration.UltraCacheConfiguration} in code, and the properties of
 * {@link io.ultracache.jcache.configuration.UltraCacheProperties} by URI or {@code Properties}.
 * The subpackages hold one JCache concern each: {@code event} (listeners), {@code expiry},
 * {@code integration} (loader and writer), {@code management} (MXBeans and statistics),
 * {@code processor} (entry processors), {@code spi}.
 */
package io.ultracache.jcache;
