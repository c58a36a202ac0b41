package io.ultracache.serial;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The allow-list's patterns, which mirror ObjectInputFilter's class patterns. */
class ClassAllowListTest {

    @Test
    void patternsMatchAsObjectInputFilterPatternsDo() {
        ClassAllowList list = ClassAllowList.of("com.example.Order; com.shop.*; org.acme.**; net.Pre*");
        assertTrue(list.allows("com.example.Order"));
        assertFalse(list.allows("com.example.OrderLine"));
        assertTrue(list.allows("com.shop.Cart"));
        assertTrue(list.allows("com.shop.Cart$Line"));
        assertFalse(list.allows("com.shop.sub.Cart"), "pkg.* is one package only");
        assertTrue(list.allows("org.acme.a.b.C"));
        assertTrue(list.allows("org.acme.C"));
        assertFalse(list.allows("org.acmeX.C"));
        assertTrue(list.allows("net.Prefixed"));
        assertFalse(list.allows("com.evil.Gadget"));
    }

    @Test
    void firstMatchDecidesAndRefusalsMayPrecedeTheBuiltInAllowances() {
        ClassAllowList list = ClassAllowList.of("!com.shop.Secret;com.shop.*;!java.util.PriorityQueue");
        assertFalse(list.allows("com.shop.Secret"));
        assertTrue(list.allows("com.shop.Public"));
        assertFalse(list.allows("java.util.PriorityQueue"));
        assertTrue(list.allows("java.util.ArrayList"), "java.util.* is allowed after the configured patterns");
        assertTrue(list.allows(java.time.Instant.class));
        assertFalse(list.allows("java.util.concurrent.ConcurrentHashMap"), "java.util.* does not reach subpackages");
        assertTrue(ClassAllowList.of("*").allows("anything.At.All"));
    }

    @Test
    void arraysAreJudgedByTheirElementsAndPrimitivesAlwaysPass() {
        ClassAllowList list = ClassAllowList.of("com.shop.*");
        assertTrue(list.allows(int[][].class));
        assertTrue(list.allows("[[I"));
        assertTrue(list.allows(String[].class));
        assertTrue(list.allows("[Lcom.shop.Cart;"));
        assertFalse(list.allows("[Lcom.evil.Gadget;"));
        assertFalse(list.allows(Thread[].class));
    }

    @Test
    void malformedPatternsAreRefusedSayingWhy() {
        assertMessage(() -> ClassAllowList.of("com.x.*;maxdepth=5"), "maxdepth=5", "jdk.serialFilter");
        assertMessage(() -> ClassAllowList.of("java.base/java.lang.*"), "module prefixes");
        assertMessage(() -> ClassAllowList.of("com.*.Foo"), "'*' may only end a pattern");
        assertMessage(() -> ClassAllowList.of(" ; "), "holds no pattern");
        assertMessage(() -> ClassAllowList.of("!"), "names no class");
    }

    @Test
    void settingsComeBeforeTheSystemPropertyAndNeitherMeansUnrestricted() {
        String previous = System.getProperty(ClassAllowList.PROPERTY);
        try {
            System.clearProperty(ClassAllowList.PROPERTY);
            assertFalse(ClassAllowList.fromSettings(Map.of()).isRestricted());
            System.setProperty(ClassAllowList.PROPERTY, "com.from.property.*");
            assertTrue(ClassAllowList.fromSettings(Map.of()).allows("com.from.property.X"));
            ClassAllowList fromSettings = ClassAllowList.fromSettings(Map.of(ClassAllowList.PROPERTY, "com.from.settings.*"));
            assertTrue(fromSettings.allows("com.from.settings.X"));
            assertFalse(fromSettings.allows("com.from.property.X"));
        } finally {
            if (previous == null) {
                System.clearProperty(ClassAllowList.PROPERTY);
            } else {
                System.setProperty(ClassAllowList.PROPERTY, previous);
            }
        }
    }

    private static void assertMessage(org.junit.jupiter.api.function.Executable call, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
