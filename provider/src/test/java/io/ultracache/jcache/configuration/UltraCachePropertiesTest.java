package io.ultracache.jcache.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.jcache.configuration.UltraCacheProperties.ManagerSettings;
import io.ultracache.store.StoreConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import javax.cache.CacheException;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.expiry.AccessedExpiryPolicy;
import javax.cache.expiry.EternalExpiryPolicy;
import javax.cache.expiry.ExpiryPolicy;
import javax.cache.expiry.ModifiedExpiryPolicy;
import javax.cache.expiry.TouchedExpiryPolicy;
import org.junit.jupiter.api.Test;

/** The text forms of sizes, durations and expiry, and which setting wins. */
class UltraCachePropertiesTest {
    private static final ClassLoader LOADER = UltraCachePropertiesTest.class.getClassLoader();

    private static ManagerSettings parse(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return UltraCacheProperties.parse(p, LOADER);
    }

    @Test
    void sizes() {
        assertEquals(4096, UltraCacheProperties.parseSize("p", "4096"));
        assertEquals(64 * 1024, UltraCacheProperties.parseSize("p", "64k"));
        assertEquals(64 * 1024, UltraCacheProperties.parseSize("p", "64KiB"));
        assertEquals(1 << 20, UltraCacheProperties.parseSize("p", "1m"));
        assertEquals(1 << 20, UltraCacheProperties.parseSize("p", "1 MB"));
        assertEquals(2L << 30, UltraCacheProperties.parseSize("p", "2g"));
        assertEquals(100, UltraCacheProperties.parseSize("p", "100b"));
        for (String bad : List.of("", "k", "1.5m", "-4096", "12q", "99999999999999999999")) {
            CacheException e = assertThrows(CacheException.class, () -> UltraCacheProperties.parseSize("the.property", bad));
            assertTrue(e.getMessage().contains("the.property"), e.getMessage());
        }
    }

    @Test
    void durations() {
        assertEquals(Duration.ofMillis(500), UltraCacheProperties.parseDuration("p", "500ms"));
        assertEquals(Duration.ofSeconds(10), UltraCacheProperties.parseDuration("p", "10s"));
        assertEquals(Duration.ofMinutes(2), UltraCacheProperties.parseDuration("p", "2m"));
        assertEquals(Duration.ofHours(1), UltraCacheProperties.parseDuration("p", "1h"));
        assertEquals(Duration.ofDays(3), UltraCacheProperties.parseDuration("p", "3d"));
        assertEquals(Duration.ofMillis(250), UltraCacheProperties.parseDuration("p", "250"));
        assertEquals(Duration.ofSeconds(10), UltraCacheProperties.parseDuration("p", "PT10S"));
        for (String bad : List.of("", "ten seconds", "10x", "PT", "-5s")) {
            CacheException e = assertThrows(CacheException.class, () -> UltraCacheProperties.parseDuration("the.property", bad));
            assertTrue(e.getMessage().contains("the.property"), e.getMessage());
        }
    }

    private static long creationMillis(ExpiryPolicy policy) {
        javax.cache.expiry.Duration d = policy.getExpiryForCreation();
        return d.getTimeUnit().toMillis(d.getDurationAmount());
    }

    @Test
    void expiryPolicies() {
        ManagerSettings s = parse("ultracache.cache.a.expiry", "accessed:5m", "ultracache.cache.m.expiry", "modified:250ms",
                "ultracache.cache.t.expiry", "touched:PT1S", "ultracache.cache.e.expiry", "eternal");
        ExpiryPolicy accessed = s.caches().get("a").getExpiryPolicyFactory().create();
        assertInstanceOf(AccessedExpiryPolicy.class, accessed);
        assertEquals(TimeUnit.MINUTES.toMillis(5), creationMillis(accessed));
        assertInstanceOf(ModifiedExpiryPolicy.class, s.caches().get("m").getExpiryPolicyFactory().create());
        assertInstanceOf(TouchedExpiryPolicy.class, s.caches().get("t").getExpiryPolicyFactory().create());
        assertInstanceOf(EternalExpiryPolicy.class, s.caches().get("e").getExpiryPolicyFactory().create());
        CacheException e = assertThrows(CacheException.class, () -> parse("ultracache.cache.x.expiry", "sometimes:5s"));
        assertTrue(e.getMessage().contains("ultracache.cache.x.expiry"), e.getMessage());
    }

    @Test
    void perCacheSettingsAndListing() {
        ManagerSettings s = parse("ultracache.caches", " a , b ,", "ultracache.cache.b.statistics", "true",
                "ultracache.cache.b.management", "true", "ultracache.cache.c.d.e.valueType", "java.lang.String",
                "ultracache.namespace", "shared-by-two-apps", "some.other.framework", "ignored");
        assertEquals(List.of("a", "b", "c.d.e"), List.copyOf(s.caches().keySet()));
        assertTrue(s.caches().get("b").isStatisticsEnabled());
        assertTrue(s.caches().get("b").isManagementEnabled());
        assertEquals(String.class, s.caches().get("c.d.e").getValueType());
        assertEquals("shared-by-two-apps", s.namespace());
        CacheException noSetting = assertThrows(CacheException.class, () -> parse("ultracache.cache.x", "1"));
        assertTrue(noSetting.getMessage().contains("ultracache.cache.x"), noSetting.getMessage());
        CacheException unknownSetting = assertThrows(CacheException.class, () -> parse("ultracache.cache.x.colour", "red"));
        assertTrue(unknownSetting.getMessage().contains("colour"), unknownSetting.getMessage());
        CacheException badBoolean = assertThrows(CacheException.class, () -> parse("ultracache.unlinkOnLastClose", "yes"));
        assertTrue(badBoolean.getMessage().contains("ultracache.unlinkOnLastClose"), badBoolean.getMessage());
        CacheException outOfRange = assertThrows(CacheException.class, () -> parse("ultracache.streamToDumpRatio", "17"));
        assertTrue(outOfRange.getMessage().contains("ultracache.streamToDumpRatio"), outOfRange.getMessage());
    }

    @Test
    void codeWinsOverPerCachePropertiesWhichWinOverManagerWide() {
        ManagerSettings s = parse("ultracache.lockTimeout", "7s", "ultracache.hotValues", "100",
                "ultracache.serializer", "jdk", "ultracache.cache.c.hotValues", "200", "ultracache.cache.c.streamMinBytes", "8k");
        UltraCacheConfiguration<Object, Object> requested = new UltraCacheConfiguration<>().setStreamMinBytes(16384L);
        UltraCacheConfiguration<Object, Object> resolved = UltraCacheProperties.resolve(requested, s.caches().get("c"), s);
        assertEquals(16384L, resolved.getStreamMinBytes(), "set in code");
        assertEquals(200, resolved.getHotValues(), "set for the cache");
        assertEquals(Duration.ofSeconds(7), resolved.getLockTimeout(), "set for the manager");
        assertEquals("jdk", resolved.getSerializer());
        assertEquals(StoreConfig.DEFAULT_STREAM_MAX_BYTES, resolved.getStreamMaxBytes(), "engine default");
        assertEquals(true, resolved.getUnlinkOnLastClose(), "engine default");
        assertNull(requested.getHotValues(), "the requested configuration is not changed");
    }

    @Test
    void plainConfigurationResolvesToEngineDefaults() {
        UltraCacheConfiguration<String, Long> resolved = UltraCacheProperties.resolve(
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class), null, parse());
        assertEquals(String.class, resolved.getKeyType());
        assertEquals("standard", resolved.getSerializer());
        assertEquals(StoreConfig.DEFAULT_LOCK_TIMEOUT, resolved.getLockTimeout());
        assertEquals(StoreConfig.DEFAULT_STREAM_MIN_BYTES, resolved.getStreamMinBytes());
        assertEquals(StoreConfig.DEFAULT_HOT_VALUES, resolved.getHotValues());
    }

    @Test
    void sharedPropertiesRoundTrip() {
        UltraCacheConfiguration<String, Long> resolved = UltraCacheProperties.resolve(
                new MutableConfiguration<String, Long>().setTypes(String.class, Long.class), null, parse());
        resolved.setExpiryPolicyFactory(javax.cache.expiry.AccessedExpiryPolicy.factoryOf(
                new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.SECONDS, 7)));
        resolved.setStatisticsEnabled(true);
        resolved.setLockTimeout(java.time.Duration.ofSeconds(3));
        Map<String, String> shared = UltraCacheProperties.sharedProperties(resolved);
        assertEquals("java.lang.String", shared.get("jcache.keyType"));
        assertEquals("java.lang.Long", shared.get("jcache.valueType"));
        assertEquals("standard", shared.get("created.jcache.serializer"));
        assertTrue(shared.get("jcache.expiryPolicyFactory").startsWith("serialized:"), shared.toString());
        assertEquals("true", shared.get("created.jcache.statisticsEnabled"));
        UltraCacheConfiguration<Object, Object> back = UltraCacheProperties.fromSharedProperties("c", shared, LOADER);
        assertEquals(String.class, back.getKeyType());
        assertEquals(Long.class, back.getValueType());
        assertEquals("standard", back.getSerializer());
        assertEquals(new javax.cache.expiry.Duration(java.util.concurrent.TimeUnit.SECONDS, 7),
                back.getExpiryPolicyFactory().create().getExpiryForAccess(), "the expiry policy comes back");
        assertTrue(back.isStatisticsEnabled());
        assertEquals(java.time.Duration.ofSeconds(3), back.getLockTimeout());
        assertEquals(shared, UltraCacheProperties.sharedProperties(UltraCacheProperties.resolve(back, null, parse())),
                "what comes back is stored the same way, so the other process's attach compares equal");
        Properties allow = new Properties();
        allow.setProperty("ultracache.serial.allow", "com.example.**");
        assertEquals("com.example.**", UltraCacheProperties.parse(allow, LOADER).defaults().getSerialAllowList(),
                "the allow-list is a manager-wide property");
        CacheException foreign = assertThrows(CacheException.class,
                () -> UltraCacheProperties.fromSharedProperties("c", Map.of("store.serializer", "x"), LOADER));
        assertTrue(foreign.getMessage().contains("not created through JCache"), foreign.getMessage());
    }

    @Test
    void settersRejectBadValuesByTheEnginesRules() {
        UltraCacheConfiguration<Object, Object> c = new UltraCacheConfiguration<>();
        assertThrows(IllegalArgumentException.class, () -> c.setStreamMinBytes(100L));
        assertThrows(IllegalArgumentException.class, () -> c.setStreamToDumpRatio(0.0));
        assertThrows(IllegalArgumentException.class, () -> c.setLockTimeout(Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> c.setHotValues(-1));
        assertThrows(IllegalArgumentException.class, () -> c.setSerializer(" "));
        assertNull(c.getStreamMinBytes(), "a refused value is not kept");
    }
}
