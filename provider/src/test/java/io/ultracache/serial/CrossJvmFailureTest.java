package io.ultracache.serial;

import static io.ultracache.serial.SerialJvms.args;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import io.ultracache.testing.TestDirectories;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Failures seen from another JVM: a value that cannot be written, or a serializer that fails
 * half-way, leaves the cache as it was; a process with another serializer is refused on attach.
 * This JVM is one process, a child JVM the other.
 */
class CrossJvmFailureTest {
    private Path dir;

    @BeforeEach
    void setUp() {
        dir = TestDirectories.create("serial-failure");
    }

    @AfterEach
    void tearDown() {
        TestDirectories.delete(dir);
    }

    private SharedStore open(String name, Serializer serializer) {
        return SharedStore.open(StoreConfig.builder("serial-test", name).directory(dir).serializer(serializer).build());
    }

    @Test
    void valueNoSerializerCanWriteLeavesTheCacheUnchanged() {
        Serializer standard = Serializers.standard(getClass().getClassLoader());
        try (SharedStore store = open("unwritable", standard)) {
            store.put("k", "before", StoreEntry.ETERNAL);

            SerializationException plain = assertThrows(SerializationException.class,
                    () -> store.put("k", new Object(), StoreEntry.ETERNAL));
            assertMentions(plain, "java.lang.Object", standard.id().substring(standard.id().indexOf('+') + 1), "Serializable");

            // fails half-way: the list's header is written when the element is refused
            SerializationException nested = assertThrows(SerializationException.class,
                    () -> store.put("k", SerialChild.special("nested-object"), StoreEntry.ETERNAL));
            assertMentions(nested, "java.util.ArrayList", "java.lang.Object", "jdk/1");

            SerializationException asKey = assertThrows(SerializationException.class,
                    () -> store.put(new Object(), "v", StoreEntry.ETERNAL));
            assertMentions(asKey, "java.lang.Object");

            assertEquals("before", SerialJvms.succeed(SerialJvms.PLAIN, args("get", dir, "unwritable", "standard", "k")).line("VALUE "));
            assertEquals("1", SerialJvms.succeed(SerialJvms.PLAIN, args("size", dir, "unwritable", "standard")).line("SIZE "));
            // the store still works both ways
            SerialJvms.succeed(SerialJvms.PLAIN, args("put", dir, "unwritable", "standard", "k2", "from child"));
            assertEquals("from child", store.get("k2"));
        }
    }

    @Test
    void serializerThatThrowsHalfWayLeavesTheCacheUnchanged() {
        Serializer halfWay = new HalfWayFailingSerializer(getClass().getClassLoader());
        String byName = HalfWayFailingSerializer.class.getName();
        try (SharedStore store = open("half-way", halfWay)) {
            store.put("k", "before", StoreEntry.ETERNAL);

            SerializationException asValue = assertThrows(SerializationException.class,
                    () -> store.put("k", HalfWayFailingSerializer.FAIL, StoreEntry.ETERNAL));
            assertMentions(asValue, "java.lang.String", halfWay.id(), "simulated failure", "unchanged");
            SerializationException asKey = assertThrows(SerializationException.class,
                    () -> store.put(HalfWayFailingSerializer.FAIL, "v", StoreEntry.ETERNAL));
            assertMentions(asKey, "java.lang.String", halfWay.id());

            assertEquals("before", SerialJvms.succeed(SerialJvms.PLAIN, args("get", dir, "half-way", byName, "k")).line("VALUE "));
            assertEquals("1", SerialJvms.succeed(SerialJvms.PLAIN, args("size", dir, "half-way", byName)).line("SIZE "));
        }
    }

    @Test
    void processWithAnotherSerializerIsRefusedOnAttachNamingBoth() {
        Serializer standard = Serializers.standard(getClass().getClassLoader());
        try (SharedStore store = open("mixed", standard)) {
            store.put("k", "v", StoreEntry.ETERNAL);

            SerialJvms.Result fory = SerialJvms.run(SerialJvms.PLAIN, args("open", dir, "mixed", "fory"));
            assertEquals(2, fory.exitCode, fory.toString());
            String error = fory.line("ERROR ");
            assertTrue(error.startsWith("io.ultracache.store.StoreIncompatibleException"), fory.toString());
            assertTrue(error.contains("this process has 'standard/2+fory/") && error.contains("the existing cache has 'standard/2+jdk/1'"),
                    fory.toString());

            SerialJvms.Result fst = SerialJvms.run(FstSerializer.REQUIRED_JVM_OPTIONS, args("open", dir, "mixed", "fst"));
            assertEquals(2, fst.exitCode, fst.toString());
            assertTrue(fst.line("ERROR ").contains("'standard/2+fst/3.0.4-jdk17'") && fst.line("ERROR ").contains("'standard/2+jdk/1'"),
                    fst.toString());

            // the same serializer under its other name is the same format: accepted
            assertEquals(standard.id(), SerialJvms.succeed(SerialJvms.PLAIN, args("open", dir, "mixed", "jdk")).line("OPENED "));
            assertEquals("v", store.get("k"));
        }
    }

    private static void assertMentions(Exception e, String... parts) {
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), "expected '" + part + "' in: " + e.getMessage());
        }
    }
}
