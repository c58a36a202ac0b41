package io.ultracache.serial;

import static io.ultracache.serial.Codec.decode;
import static io.ultracache.serial.Codec.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The built-in codecs within one JVM: round trips, determinism, sharing, the byte layout, damaged bytes. */
class BuiltInCodecTest {
    private final Serializer builtInOnly = new StandardSerializer(new Codec.NoFallback(), getClass().getClassLoader());

    @Test
    void everyBuiltInSampleRoundTripsWithoutTheFallback() {
        for (Map.Entry<String, Object> sample : Samples.builtIn().entrySet()) {
            Object decoded = Codec.roundTrip(builtInOnly, sample.getValue());
            assertTrue(Samples.matches(sample.getValue(), decoded),
                    sample.getKey() + ": wrote " + Samples.show(sample.getValue()) + ", read " + Samples.show(decoded));
        }
    }

    @Test
    void samplesCoverEveryCodec() {
        Set<Integer> tagsUsed = Samples.builtIn().values().stream()
                .map(v -> (int) encode(builtInOnly, v)[0]).collect(Collectors.toCollection(TreeSet::new));
        Set<Integer> allTags = Stream.of(BuiltInCodec.values()).map(c -> (int) c.tag)
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(allTags, tagsUsed, "every codec needs a sample in Samples.builtIn()");
    }

    /** Keys are compared by bytes: equal keys must give equal bytes, even when built differently. */
    @Test
    void equalValuesEncodeToEqualBytes() throws Exception {
        for (Map.Entry<String, Object> sample : Samples.builtIn().entrySet()) {
            Object value = sample.getValue();
            Object copy = jdkCopy(value);
            assertArrayEquals(encode(builtInOnly, value), encode(builtInOnly, copy), sample.getKey());
        }
        Object[][] equalButBuiltDifferently = {
            {"abc", new String(new char[] {'a', 'b', 'c'})},
            {"\u00e9t\u00e9", new StringBuilder("\u20ac\u00e9t\u00e9").substring(1)}, // UTF-16 source, Latin-1 result
            {Float.NaN, Float.intBitsToFloat(0x7fc00001)},
            {Double.NaN, Double.longBitsToDouble(0x7ff8000000000001L)},
            {new BigDecimal("1.50"), BigDecimal.valueOf(150, 2)},
            {new BigInteger("255"), BigInteger.valueOf(255)},
            {new BigInteger("-123456789012345678901234567890"), BigInteger.TEN.pow(29).multiply(BigInteger.valueOf(-1))
                    .subtract(new BigInteger("23456789012345678901234567890"))},
            {ZonedDateTime.parse("2024-07-14T12:00+02:00[Europe/Paris]"),
                ZonedDateTime.of(2024, 7, 14, 12, 0, 0, 0, ZoneId.of("Europe/Paris"))},
            {LocalDate.of(2024, 2, 29), LocalDate.ofEpochDay(LocalDate.of(2024, 2, 29).toEpochDay())},
            {Color.RED, Color.valueOf("RED")},
        };
        for (Object[] pair : equalButBuiltDifferently) {
            assertEquals(pair[0], pair[1], "the pair must be equal");
            assertArrayEquals(encode(builtInOnly, pair[0]), encode(builtInOnly, pair[1]), "bytes of " + pair[0]);
        }
    }

    /** Distinct keys must give distinct bytes, or two keys would share an entry. */
    @Test
    void distinctValuesEncodeToDistinctBytes() {
        Map<String, String> nameOfBytes = new HashMap<>();
        for (Map.Entry<String, Object> sample : Samples.builtIn().entrySet()) {
            String bytes = Arrays.toString(encode(builtInOnly, sample.getValue()));
            String earlier = nameOfBytes.put(bytes, sample.getKey());
            assertEquals(null, earlier, sample.getKey() + " encodes like " + earlier);
        }
        assertFalse(Arrays.equals(encode(builtInOnly, 0.0d), encode(builtInOnly, -0.0d)), "0.0 and -0.0 are not equal");
        assertFalse(Arrays.equals(encode(builtInOnly, 1L), encode(builtInOnly, 1)), "1L and 1 are not equal");
    }

    @Test
    void decodedImmutableValuesAreShareableArraysAndUserTypesAreNot() {
        for (Map.Entry<String, Object> sample : Samples.builtIn().entrySet()) {
            Object decoded = Codec.roundTrip(builtInOnly, sample.getValue());
            boolean array = decoded.getClass().isArray();
            assertEquals(!array, builtInOnly.isShareable(decoded), sample.getKey());
        }
        Serializer standard = Serializers.standard(getClass().getClassLoader());
        for (Map.Entry<String, Object> sample : Samples.userTypes().entrySet()) {
            assertFalse(standard.isShareable(Codec.roundTrip(standard, sample.getValue())), sample.getKey());
        }
        byte[] original = {1, 2, 3};
        byte[] bytes = encode(builtInOnly, original);
        byte[] first = (byte[]) decode(builtInOnly, bytes);
        byte[] second = (byte[]) decode(builtInOnly, bytes);
        assertNotSame(first, second);
        assertNotSame(original, first);
    }

    /** The layout drawn in BuiltInCodec's class comment; a change here needs a new TABLE_VERSION. */
    @Test
    void bytesFollowTheDocumentedLayout() {
        assertArrayEquals(new byte[] {1, 'h', (byte) 0xC3, (byte) 0xA9}, encode(builtInOnly, "h\u00e9"));
        assertArrayEquals(new byte[] {2, 'a', 0, 0x00, (byte) 0xD8}, encode(builtInOnly, "a\ud800"));
        assertArrayEquals(new byte[] {3, 1, 0, 0, 0, 0, 0, 0, (byte) 0x80}, encode(builtInOnly, Long.MIN_VALUE + 1));
        assertArrayEquals(new byte[] {4, (byte) 0xFE, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF}, encode(builtInOnly, -2));
        assertArrayEquals(new byte[] {8, 1}, encode(builtInOnly, true));
        assertArrayEquals(new byte[] {16, 5, 6}, encode(builtInOnly, new byte[] {5, 6}));
        assertArrayEquals(new byte[] {42, (byte) 0xE8, 0x07, 0, 0, 2, 29}, encode(builtInOnly, LocalDate.of(2024, 2, 29)));
        assertArrayEquals(new byte[] {34, 2, 0, 0, 0, (byte) 0x96}, encode(builtInOnly, new BigDecimal("-1.06")));
        byte[] className = Color.class.getName().getBytes(StandardCharsets.UTF_8);
        byte[] expectedEnum = new byte[2 + className.length + 5];
        expectedEnum[0] = 60;
        expectedEnum[1] = (byte) className.length;
        System.arraycopy(className, 0, expectedEnum, 2, className.length);
        System.arraycopy("GREEN".getBytes(StandardCharsets.UTF_8), 0, expectedEnum, 2 + className.length, 5);
        assertArrayEquals(expectedEnum, encode(builtInOnly, Color.GREEN));
        // the constant with a body is named by its declaring class
        assertEquals(Color.class.getName(), new String(encode(builtInOnly, Color.RED), 2, className.length, StandardCharsets.UTF_8));
        assertEquals(0, encode(Serializers.standard(null), SamplePojo.typical())[0], "user types go to the fallback, tag 0");
        assertEquals(0, encode(Serializers.standard(null), new BigIntegerSubclass("5"))[0], "subclasses are not the built-in type");
    }

    @Test
    void damagedBytesGiveClearErrors() {
        assertError(new byte[] {99}, "unknown type tag 99");
        assertError(new byte[] {3, 1, 2, 3}, "ends early");
        assertError(new byte[] {4, 1, 0, 0, 0, 9}, "1 bytes left after a INTEGER");
        assertError(new byte[] {8, 2}, "neither 0 nor 1");
        assertError(new byte[] {18, 1, 2, 3}, "not a whole number of 4-byte elements");
        assertError(new byte[] {42, (byte) 0xE8, 0x07, 0, 0, 13, 1}, "cannot decode a LOCAL_DATE");
        assertError(new byte[] {33}, "empty BigInteger");
        assertError(enumBytes("java.lang.String", "X"), "java.lang.String named as an enum in the stored bytes is not an enum");
        assertError(enumBytes(Color.class.getName(), "PURPLE"), "enum io.ultracache.serial.Color has no constant PURPLE");
        assertError(enumBytes("com.example.Gone", "X"), "of class com.example.Gone, which class loader");
    }

    @Test
    void enumOfAClassThisProcessCannotLoadIsAClearErrorNamingTheClass() {
        byte[] bytes = encode(builtInOnly, Color.GREEN);
        ClassLoader blind = new ClassLoader(ClassLoader.getPlatformClassLoader()) { };
        Serializer elsewhere = new StandardSerializer(new Codec.NoFallback(), blind);
        // neither the serializer's loader nor the thread's context loader sees the class
        Thread thread = Thread.currentThread();
        ClassLoader context = thread.getContextClassLoader();
        thread.setContextClassLoader(blind);
        SerializationException e;
        try {
            e = assertThrows(SerializationException.class, () -> decode(elsewhere, bytes));
        } finally {
            thread.setContextClassLoader(context);
        }
        assertTrue(e.getMessage().contains("io.ultracache.serial.Color") && e.getMessage().contains("class path"), e.getMessage());
        // the context loader that sees it rescues a serializer whose own loader does not
        assertSame(Color.GREEN, decode(elsewhere, bytes));
        // and the loader that sees it still reads the same bytes
        assertSame(Color.GREEN, decode(builtInOnly, bytes));
    }

    @Test
    void enumConstantsDecodeToTheSingletonsOfTheGivenLoader() {
        for (Color color : Color.values()) {
            assertSame(color, Codec.roundTrip(builtInOnly, color));
        }
        assertEquals("#f00", ((Color) Codec.roundTrip(builtInOnly, Color.RED)).hex());
    }

    @Test
    void stringsTakeUtf8UnlessTheyHoldAnUnpairedSurrogate() {
        assertEquals(1, encode(builtInOnly, "\ud83d\ude00 paired")[0]);
        for (String s : new String[] {"\ud800", "x\udbff", "\udc00y", "\ude00\ud83d"}) {
            byte[] bytes = encode(builtInOnly, s);
            assertEquals(2, bytes[0], s);
            assertEquals(s, decode(builtInOnly, bytes));
        }
    }

    /** Not the exact BigInteger class: it could be mutable, so the built-in codec must leave it alone. */
    static final class BigIntegerSubclass extends BigInteger {
        private static final long serialVersionUID = 1L;

        BigIntegerSubclass(String value) {
            super(value);
        }
    }

    private void assertError(byte[] bytes, String expected) {
        SerializationException e = assertThrows(SerializationException.class, () -> decode(builtInOnly, bytes),
                Arrays.toString(bytes));
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }

    private static byte[] enumBytes(String className, String constant) {
        byte[] name = className.getBytes(StandardCharsets.UTF_8);
        byte[] value = constant.getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[2 + name.length + value.length];
        bytes[0] = 60;
        bytes[1] = (byte) name.length;
        System.arraycopy(name, 0, bytes, 2, name.length);
        System.arraycopy(value, 0, bytes, 2 + name.length, value.length);
        return bytes;
    }

    /** An equal, distinct instance made by another serializer (JDK serialization). */
    private static Object jdkCopy(Object value) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return in.readObject();
        }
    }
}
