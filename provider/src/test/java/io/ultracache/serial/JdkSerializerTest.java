package io.ultracache.serial;

import static io.ultracache.serial.Codec.decode;
import static io.ultracache.serial.Codec.encode;
import static io.ultracache.serial.Codec.roundTrip;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** JDK serialization as the fallback: class loaders, readResolve, the allow-list, clear errors. */
class JdkSerializerTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void userTypesRoundTrip() {
        Serializer jdk = new JdkSerializer(loader, ClassAllowList.unrestricted());
        for (Map.Entry<String, Object> sample : Samples.userTypes().entrySet()) {
            Object decoded = roundTrip(jdk, sample.getValue());
            assertTrue(Samples.matches(sample.getValue(), decoded), sample.getKey() + ": read " + Samples.show(decoded));
        }
    }

    @Test
    void readResolveKeepsSingletonsSingle() {
        assertSame(SampleSingleton.INSTANCE, roundTrip(Serializers.standard(loader), SampleSingleton.INSTANCE));
        List<Object> holder = new ArrayList<>(List.of(SampleSingleton.INSTANCE));
        assertSame(SampleSingleton.INSTANCE, ((List<?>) roundTrip(Serializers.standard(loader), holder)).get(0));
    }

    /** Hibernate and application servers hand the manager a class loader that alone sees the classes. */
    @Test
    void classesAreResolvedWithTheGivenLoader() throws Exception {
        URL testClasses = SamplePojo.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {testClasses}, ClassLoader.getPlatformClassLoader())) {
            byte[] bytes = encode(Serializers.standard(loader), SamplePojo.typical());

            Object viaIsolated = decode(Serializers.standard(isolated), bytes);
            assertSame(isolated, viaIsolated.getClass().getClassLoader());
            assertNotEquals(SamplePojo.class, viaIsolated.getClass());
            assertEquals(SamplePojo.class.getName(), viaIsolated.getClass().getName());

            assertEquals(SamplePojo.class, decode(Serializers.standard(loader), bytes).getClass());

        }
    }

    @Test
    void classThatNoLoaderSeesIsAClearError() {
        byte[] bytes = encode(Serializers.standard(loader), SamplePojo.typical());
        // the same stream naming a class of the same name length that exists nowhere
        byte[] gone = replace(bytes, "io.ultracache.serial.SamplePojo", "io.ultracache.serial.SampleGone");
        SerializationException e = assertThrows(SerializationException.class, () -> decode(Serializers.standard(loader), gone));
        assertMentions(e, "io.ultracache.serial.SampleGone", "cannot be loaded", "class path", "stays in the cache");
    }

    private static byte[] replace(byte[] bytes, String from, String to) {
        byte[] f = from.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] t = to.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] result = bytes.clone();
        for (int i = 0; i + f.length <= result.length; i++) {
            if (java.util.Arrays.equals(result, i, i + f.length, f, 0, f.length)) {
                System.arraycopy(t, 0, result, i, t.length);
                return result;
            }
        }
        throw new AssertionError(from + " is not in the stream");
    }

    @Test
    void allowListRefusesReadingOtherClassesNamingTheSetting() {
        byte[] bytes = encode(Serializers.standard(loader), SamplePojo.typical());
        Serializer strict = Serializers.byName("standard", loader, Map.of(ClassAllowList.PROPERTY, "com.example.**"));
        SerializationException e = assertThrows(SerializationException.class, () -> decode(strict, bytes));
        assertMentions(e, "refused to read", SamplePojo.class.getName(), ClassAllowList.PROPERTY + "='com.example.**'",
                "io.ultracache.serial.*", "jdk/1");

        Serializer allowing = Serializers.byName("standard", loader, Map.of(ClassAllowList.PROPERTY, "io.ultracache.serial.*"));
        assertEquals(SamplePojo.typical(), decode(allowing, bytes));
    }

    /** A gadget is an unexpected class inside an expected one: refused wherever it sits in the graph. */
    @Test
    void allowListRefusesNestedClassesAndSuperclasses() {
        Serializer strict = Serializers.byName("standard", loader,
                Map.of(ClassAllowList.PROPERTY, "io.ultracache.serial.SamplePojo;io.ultracache.serial.Color"));
        // the element of a list
        byte[] nested = encode(Serializers.standard(loader), new ArrayList<>(List.of(SamplePojo.typical(), new SampleKey("x", 1))));
        SerializationException e = assertThrows(SerializationException.class, () -> decode(strict, nested));
        assertMentions(e, SampleKey.class.getName());
        // a subclass allowed by name, whose serializable superclass is not
        Serializer subclassOnly = Serializers.byName("standard", loader, Map.of(ClassAllowList.PROPERTY, Child.class.getName()));
        byte[] child = encode(Serializers.standard(loader), new Child());
        e = assertThrows(SerializationException.class, () -> decode(subclassOnly, child));
        assertMentions(e, Parent.class.getName());
    }

    @Test
    void allowListRefusesWritingWhatItWouldRefuseToRead() {
        Serializer strict = Serializers.byName("standard", loader, Map.of(ClassAllowList.PROPERTY, "io.ultracache.serial.SamplePojo"));
        SerializationException e = assertThrows(SerializationException.class,
                () -> encode(strict, new ArrayList<>(List.of(new SampleKey("x", 1)))));
        assertMentions(e, "cannot store a value of class java.util.ArrayList", SampleKey.class.getName(), "nothing was stored");
        e = assertThrows(SerializationException.class, () -> encode(strict, new Child()));
        assertMentions(e, Child.class.getName());
        // built-in types never reach the fallback, so the list does not concern them
        assertEquals("fine", roundTrip(strict, "fine"));
    }

    @Test
    void valuesThatCannotBeWrittenNameTheirClassAndTheSerializer() {
        Serializer standard = Serializers.standard(loader);
        SerializationException e = assertThrows(SerializationException.class, () -> encode(standard, new Object()));
        assertMentions(e, "java.lang.Object", "jdk/1", "Serializable", "nothing was stored");
        e = assertThrows(SerializationException.class, () -> encode(standard, new ArrayList<>(List.of(new Object()))));
        assertMentions(e, "java.util.ArrayList", "holds a java.lang.Object");
        e = assertThrows(SerializationException.class, () -> encode(standard, new FailsToWrite()));
        assertMentions(e, FailsToWrite.class.getName(), "jdk/1", "no space left in the frobnicator");
    }

    @Test
    void damagedStreamIsAClearError() {
        byte[] bytes = encode(Serializers.standard(loader), SamplePojo.typical());
        byte[] truncated = java.util.Arrays.copyOf(bytes, bytes.length / 2);
        SerializationException e = assertThrows(SerializationException.class, () -> decode(Serializers.standard(loader), truncated));
        assertMentions(e, "jdk/1", "cannot read a stored value");
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }

    static class Parent implements Serializable {
        private static final long serialVersionUID = 1L;
        int inherited = 1;
    }

    static final class Child extends Parent {
        private static final long serialVersionUID = 1L;
        int own = 2;
    }

    static final class FailsToWrite implements Serializable {
        private static final long serialVersionUID = 1L;

        private void writeObject(ObjectOutputStream out) throws IOException {
            out.writeInt(42);
            throw new IOException("no space left in the frobnicator");
        }
    }
}
