package io.ultracache.serial;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Named sample values, built afresh on every call (the same in every JVM), for round-trip and
 * determinism tests: edge cases of every built-in type, and user types for the fallbacks.
 */
public final class Samples {
    private Samples() {
    }

    /** Values of the built-in types, edge cases included; no two are equal. */
    public static Map<String, Object> builtIn() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("string.empty", "");
        m.put("string.ascii", "hello, cache");
        m.put("string.unicode", "gr\u00fc\u00dfe \u65e5\u672c \ud83d\ude00");
        m.put("string.loneSurrogate", "a\ud800b");
        m.put("string.loneLowSurrogateAtEnd", "z\udc00");
        m.put("string.long", "x".repeat(5000));
        m.put("long.min", Long.MIN_VALUE);
        m.put("long.max", Long.MAX_VALUE);
        m.put("long.zero", 0L);
        m.put("long.uncached", 123_456_789L);
        m.put("int.min", Integer.MIN_VALUE);
        m.put("int.zero", 0);
        m.put("short.min", Short.MIN_VALUE);
        m.put("byte.minusOne", (byte) -1);
        m.put("char.eAcute", '\u00e9');
        m.put("char.loneSurrogate", '\udc00');
        m.put("boolean.true", Boolean.TRUE);
        m.put("boolean.false", Boolean.FALSE);
        m.put("float.nan", Float.NaN);
        m.put("float.minusZero", -0.0f);
        m.put("float.zero", 0.0f);
        m.put("double.nan", Double.NaN);
        m.put("double.minusZero", -0.0d);
        m.put("double.max", Double.MAX_VALUE);
        m.put("byteArray.empty", new byte[0]);
        m.put("byteArray", new byte[] {1, 2, -1, 0, 127});
        m.put("shortArray", new short[] {Short.MIN_VALUE, 0, 7});
        m.put("intArray", new int[] {Integer.MAX_VALUE, -1, 0});
        m.put("longArray", new long[] {Long.MIN_VALUE, 42});
        m.put("floatArray", new float[] {1.5f, Float.intBitsToFloat(0x7fc00001), -0.0f});
        m.put("doubleArray", new double[] {Math.PI, Double.longBitsToDouble(0x7ff8000000000001L)});
        m.put("charArray", new char[] {'a', '\ud800', '\u00e9'});
        m.put("booleanArray", new boolean[] {true, false, true});
        m.put("uuid", UUID.fromString("123e4567-e89b-12d3-a456-426614174000"));
        m.put("bigInteger.zero", BigInteger.ZERO);
        m.put("bigInteger.hugeNegative", new BigInteger("-123456789012345678901234567890123456789"));
        m.put("bigDecimal.1.50", new BigDecimal("1.50"));
        m.put("bigDecimal.1.5", new BigDecimal("1.5"));
        m.put("bigDecimal.exponent", new BigDecimal("-1E+10"));
        m.put("instant", Instant.parse("2024-02-29T12:34:56.123456789Z"));
        m.put("instant.min", Instant.MIN);
        m.put("duration", Duration.ofDays(3).plusNanos(7));
        m.put("duration.negative", Duration.ofMillis(-1500));
        m.put("localDate", LocalDate.of(2024, 2, 29));
        m.put("localDate.max", LocalDate.MAX);
        m.put("localTime.max", LocalTime.MAX);
        m.put("localTime.midnight", LocalTime.MIDNIGHT);
        m.put("localDateTime", LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_000_000));
        m.put("offsetDateTime", OffsetDateTime.of(2024, 6, 1, 8, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
        m.put("offsetTime", OffsetTime.of(7, 45, 0, 1, ZoneOffset.ofHours(-8)));
        m.put("zonedDateTime.region", ZonedDateTime.of(2024, 7, 14, 12, 0, 0, 0, ZoneId.of("Europe/Paris")));
        // 02:30 happens twice on this day in Paris: the later offset must survive
        m.put("zonedDateTime.overlapLater", ZonedDateTime.of(LocalDateTime.of(2023, 10, 29, 2, 30), ZoneId.of("Europe/Paris"))
                .withLaterOffsetAtOverlap());
        m.put("zonedDateTime.offsetZone", ZonedDateTime.of(2020, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(3)));
        m.put("period", Period.of(1, -2, 3));
        m.put("year", Year.of(-5));
        m.put("yearMonth", YearMonth.of(2024, 12));
        m.put("monthDay", MonthDay.of(2, 29));
        m.put("zoneOffset", ZoneOffset.ofHoursMinutes(-3, -30));
        m.put("zoneId.region", ZoneId.of("America/New_York"));
        m.put("zoneId.utc", ZoneId.of("UTC"));
        m.put("enum.jdk", TimeUnit.SECONDS);
        m.put("enum.javaTime", DayOfWeek.MONDAY);
        m.put("enum.withBody", Color.RED);
        m.put("enum.plain", Color.GREEN);
        return m;
    }

    /** Values the built-in codecs leave to the fallback serializer. */
    public static Map<String, Object> userTypes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("pojo", SamplePojo.typical());
        m.put("list", new ArrayList<>(List.of("a", 1L, Color.BLUE, new BigDecimal("2.5"))));
        m.put("map", new HashMap<>(Map.of("k", List.of(1, 2, 3))));
        m.put("singleton", SampleSingleton.INSTANCE);
        m.put("key", new SampleKey("eu", 17));
        m.put("objectArray", new Object[] {"x", 2, null});
        return m;
    }

    /**
     * Whether a decoded value matches the sample: same class and equal (arrays: as Arrays.equals sees
     * them, so NaN payloads do not count); identical for singletons.
     */
    public static boolean matches(Object expected, Object actual) {
        if (expected instanceof SampleSingleton) {
            return actual == SampleSingleton.INSTANCE;
        }
        if (expected != null && actual != null && expected.getClass() != actual.getClass()) {
            return false;
        }
        return Objects.deepEquals(expected, actual);
    }

    /** A readable form of a sample value, arrays included. */
    public static String show(Object value) {
        if (value == null) {
            return "null";
        }
        if (value.getClass().isArray()) {
            String content = Arrays.deepToString(new Object[] {value});
            return value.getClass().getComponentType().getName() + content;
        }
        return value.getClass().getName() + " " + value;
    }
}
