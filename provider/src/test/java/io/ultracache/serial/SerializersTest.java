package io.ultracache.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing serializers by name, and their ids. (This JVM runs without FST's flags.) */
class SerializersTest {
    private final ClassLoader loader = getClass().getClassLoader();

    @Test
    void namesGiveChainsWhoseIdsNameTableAndFallback() {
        assertEquals("standard/2+jdk/1", Serializers.standard(loader).id());
        assertEquals("standard/2+jdk/1", Serializers.byName("standard", loader).id());
        assertEquals("standard/2+jdk/1", Serializers.byName(" JDK ", loader).id());
        String fory = Serializers.byName("fory", loader).id();
        assertTrue(fory.matches("standard/2\\+fory/\\d+\\.\\d+\\.\\d+/java-ref"), fory);
        assertEquals(StandardSerializer.ID_PREFIX, "standard/" + BuiltInCodec.TABLE_VERSION);
    }

    @Test
    void classNameGivesThatSerializerAsItIs() {
        Serializer raw = Serializers.byName(JdkSerializer.class.getName(), loader);
        assertEquals(JdkSerializer.ID, raw.id());
        assertEquals("half-way-test/1+standard/2+jdk/1", Serializers.byName(HalfWayFailingSerializer.class.getName(), loader).id());
    }

    @Test
    void unknownNamesAndBadClassesSayWhatToUse() {
        SerializationException e = assertThrows(SerializationException.class, () -> Serializers.byName("kryo", loader));
        assertTrue(e.getMessage().contains("'standard', 'jdk', 'fst', 'fory'"), e.getMessage());
        e = assertThrows(SerializationException.class, () -> Serializers.byName("java.lang.String", loader));
        assertTrue(e.getMessage().contains("does not implement io.ultracache.serial.Serializer"), e.getMessage());
    }

    /** Surefire runs this JVM without FST's flags: the error must list them all. */
    @Test
    void fstWithoutItsFlagsSaysWhichFlagsToAdd() {
        SerializationException e = assertThrows(SerializationException.class, () -> Serializers.byName("fst", loader));
        for (String flag : FstSerializer.REQUIRED_JVM_OPTIONS) {
            assertTrue(e.getMessage().contains(flag), "expected " + flag + " in: " + e.getMessage());
        }
        assertTrue(e.getMessage().contains("or choose serializer 'standard'"), e.getMessage());
    }

    @Test
    void malformedAllowListFailsWhenTheSerializerIsChosen() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Serializers.byName("standard", loader, Map.of(ClassAllowList.PROPERTY, "com.*.x")));
        assertTrue(e.getMessage().contains(ClassAllowList.PROPERTY), e.getMessage());
    }
}
