package io.ultracache.serial;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
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
import java.util.UUID;

/**
 * The built-in codecs: common JDK value types written without reflection, before any other
 * serializer is asked. Each codec owns one tag, the first byte of the serialized form; the payload
 * follows, and the store hands the reader exactly the bytes written, so a payload that runs to the
 * end needs no length. Numbers are little-endian.
 *
 * <pre>
 * tag  type                 payload
 * ---  -------------------  -----------------------------------------------------------------
 *   0  (other)              the fallback serializer's bytes            (see StandardSerializer)
 *   1  String               UTF-8, to the end (strings that are well-formed UTF-16)
 *   2  String               UTF-16LE chars, to the end (strings holding an unpaired surrogate)
 *   3  Long                 int64
 *   4  Integer              int32
 *   5  Short                int16
 *   6  Byte                 int8
 *   7  Character            uint16
 *   8  Boolean              int8: 0 or 1
 *   9  Float                int32 Float.floatToIntBits   (one NaN: equal floats, equal bytes)
 *  10  Double               int64 Double.doubleToLongBits
 *  16  byte[]               the bytes, to the end
 *  17  short[]              int16 each, to the end
 *  18  int[]                int32 each, to the end
 *  19  long[]               int64 each, to the end
 *  20  float[]              int32 Float.floatToIntBits each, to the end (one NaN, as Arrays.equals sees it)
 *  21  double[]             int64 Double.doubleToLongBits each, to the end
 *  22  char[]               uint16 each, to the end
 *  23  boolean[]            int8 0 or 1 each, to the end
 *  32  UUID                 int64 most significant bits, int64 least significant bits
 *  33  BigInteger           two's complement, big-endian (BigInteger.toByteArray), to the end
 *  34  BigDecimal           int32 scale, then the unscaled value as tag 33
 *  40  Instant              int64 epoch second, int32 nano
 *  41  Duration             int64 seconds, int32 nano
 *  42  LocalDate            int32 year, int8 month, int8 day
 *  43  LocalTime            int64 nano of day
 *  44  LocalDateTime        LocalDate (6), LocalTime (8)
 *  45  OffsetDateTime       LocalDateTime (14), int32 offset seconds
 *  46  OffsetTime           LocalTime (8), int32 offset seconds
 *  47  ZonedDateTime        LocalDateTime (14), int32 offset seconds, zone id UTF-8 to the end
 *  48  Period               int32 years, int32 months, int32 days
 *  49  Year                 int32
 *  50  YearMonth            int32 year, int8 month
 *  51  MonthDay             int8 month, int8 day
 *  52  ZoneOffset           int32 total seconds
 *  53  ZoneId (a region)    id UTF-8, to the end
 *  60  enum constant        varint n, binary class name UTF-8 (n bytes), constant name UTF-8 to the end
 * </pre>
 *
 * <p>Every encoding is <em>deterministic</em>: values that are {@code equals} give equal bytes
 * (so they work as keys), and, apart from arrays, decoding gives a value {@code equals} to the one
 * written. Only the exact classes are matched (a subclass of BigInteger goes to the fallback), so
 * decoded values of these types are immutable, except arrays, which are decoded afresh each time.
 * Enum constants are named by class and constant name, not ordinal (see {@link EnumType}).
 *
 * <p>Changing a payload or a tag's meaning changes the byte format: raise {@link #TABLE_VERSION},
 * which is part of the serializer's id, so that processes with the old table are refused.
 */
enum BuiltInCodec {
    STRING_UTF8(1, String.class, true) {
        /** UTF-8 if the string is well-formed UTF-16, else its raw chars (tag 2): lossless either way. */
        @Override
        void write(Object value, ByteSink out) {
            int start = out.length();
            out.writeByte(tag);
            if (!out.writeUtf8Exactly((String) value)) {
                out.truncate(start);
                STRING_UTF16.write(value, out);
            }
        }

        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeUtf8((String) value); // only for well-formed strings: write() checks
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readUtf8(in.remaining());
        }
    },
    STRING_UTF16(2, null, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeUtf16((String) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readUtf16(in.remaining());
        }
    },
    LONG(3, Long.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeLong((Long) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readLong();
        }
    },
    INTEGER(4, Integer.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeInt((Integer) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readInt();
        }
    },
    SHORT(5, Short.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeShort((Short) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readShort();
        }
    },
    BYTE(6, Byte.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeByte((Byte) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return in.readByte();
        }
    },
    CHARACTER(7, Character.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeShort((Character) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return (char) in.readShort();
        }
    },
    BOOLEAN(8, Boolean.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeByte((Boolean) value ? 1 : 0);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return readBoolean(in);
        }
    },
    FLOAT(9, Float.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeInt(Float.floatToIntBits((Float) value));
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return Float.intBitsToFloat(in.readInt());
        }
    },
    DOUBLE(10, Double.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeLong(Double.doubleToLongBits((Double) value));
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return Double.longBitsToDouble(in.readLong());
        }
    },
    BYTE_ARRAY(16, byte[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeBytes((byte[]) value);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            byte[] array = new byte[in.remaining()];
            in.readBytes(array, 0, array.length);
            return array;
        }
    },
    SHORT_ARRAY(17, short[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            short[] array = (short[]) value;
            out.ensureRemaining(2 * array.length);
            for (short v : array) {
                out.writeShort(v);
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            short[] array = new short[elements(in, 2)];
            for (int i = 0; i < array.length; i++) {
                array[i] = in.readShort();
            }
            return array;
        }
    },
    INT_ARRAY(18, int[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            int[] array = (int[]) value;
            out.ensureRemaining(4 * array.length);
            for (int v : array) {
                out.writeInt(v);
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int[] array = new int[elements(in, 4)];
            for (int i = 0; i < array.length; i++) {
                array[i] = in.readInt();
            }
            return array;
        }
    },
    LONG_ARRAY(19, long[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            long[] array = (long[]) value;
            out.ensureRemaining(8 * array.length);
            for (long v : array) {
                out.writeLong(v);
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            long[] array = new long[elements(in, 8)];
            for (int i = 0; i < array.length; i++) {
                array[i] = in.readLong();
            }
            return array;
        }
    },
    FLOAT_ARRAY(20, float[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            float[] array = (float[]) value;
            out.ensureRemaining(4 * array.length);
            for (float v : array) {
                out.writeInt(Float.floatToIntBits(v));
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            float[] array = new float[elements(in, 4)];
            for (int i = 0; i < array.length; i++) {
                array[i] = Float.intBitsToFloat(in.readInt());
            }
            return array;
        }
    },
    DOUBLE_ARRAY(21, double[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            double[] array = (double[]) value;
            out.ensureRemaining(8 * array.length);
            for (double v : array) {
                out.writeLong(Double.doubleToLongBits(v));
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            double[] array = new double[elements(in, 8)];
            for (int i = 0; i < array.length; i++) {
                array[i] = Double.longBitsToDouble(in.readLong());
            }
            return array;
        }
    },
    CHAR_ARRAY(22, char[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            char[] array = (char[]) value;
            out.ensureRemaining(2 * array.length);
            for (char v : array) {
                out.writeShort(v);
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            char[] array = new char[elements(in, 2)];
            for (int i = 0; i < array.length; i++) {
                array[i] = (char) in.readShort();
            }
            return array;
        }
    },
    BOOLEAN_ARRAY(23, boolean[].class, false) {
        @Override
        void writePayload(Object value, ByteSink out) {
            boolean[] array = (boolean[]) value;
            out.ensureRemaining(array.length);
            for (boolean v : array) {
                out.writeByte(v ? 1 : 0);
            }
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            boolean[] array = new boolean[in.remaining()];
            for (int i = 0; i < array.length; i++) {
                array[i] = readBoolean(in);
            }
            return array;
        }
    },
    UUID_(32, UUID.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            UUID uuid = (UUID) value;
            out.writeLong(uuid.getMostSignificantBits());
            out.writeLong(uuid.getLeastSignificantBits());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            long most = in.readLong();
            return new UUID(most, in.readLong());
        }
    },
    BIG_INTEGER(33, BigInteger.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeBytes(((BigInteger) value).toByteArray());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return readBigInteger(in);
        }
    },
    BIG_DECIMAL(34, BigDecimal.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            BigDecimal decimal = (BigDecimal) value;
            out.writeInt(decimal.scale());
            out.writeBytes(decimal.unscaledValue().toByteArray());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int scale = in.readInt();
            return new BigDecimal(readBigInteger(in), scale);
        }
    },
    INSTANT(40, Instant.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            Instant instant = (Instant) value;
            out.writeLong(instant.getEpochSecond());
            out.writeInt(instant.getNano());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            long seconds = in.readLong();
            return Instant.ofEpochSecond(seconds, in.readInt());
        }
    },
    DURATION(41, Duration.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            Duration duration = (Duration) value;
            out.writeLong(duration.getSeconds());
            out.writeInt(duration.getNano());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            long seconds = in.readLong();
            return Duration.ofSeconds(seconds, in.readInt());
        }
    },
    LOCAL_DATE(42, LocalDate.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            writeDate((LocalDate) value, out);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return readDate(in);
        }
    },
    LOCAL_TIME(43, LocalTime.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeLong(((LocalTime) value).toNanoOfDay());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return readTime(in);
        }
    },
    LOCAL_DATE_TIME(44, LocalDateTime.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            writeDateTime((LocalDateTime) value, out);
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return readDateTime(in);
        }
    },
    OFFSET_DATE_TIME(45, OffsetDateTime.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            OffsetDateTime dateTime = (OffsetDateTime) value;
            writeDateTime(dateTime.toLocalDateTime(), out);
            out.writeInt(dateTime.getOffset().getTotalSeconds());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            LocalDateTime local = readDateTime(in);
            return OffsetDateTime.of(local, ZoneOffset.ofTotalSeconds(in.readInt()));
        }
    },
    OFFSET_TIME(46, OffsetTime.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            OffsetTime time = (OffsetTime) value;
            out.writeLong(time.toLocalTime().toNanoOfDay());
            out.writeInt(time.getOffset().getTotalSeconds());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            LocalTime local = readTime(in);
            return OffsetTime.of(local, ZoneOffset.ofTotalSeconds(in.readInt()));
        }
    },
    ZONED_DATE_TIME(47, ZonedDateTime.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            ZonedDateTime dateTime = (ZonedDateTime) value;
            writeDateTime(dateTime.toLocalDateTime(), out);
            out.writeInt(dateTime.getOffset().getTotalSeconds());
            out.writeUtf8(dateTime.getZone().getId());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            LocalDateTime local = readDateTime(in);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
            ZoneId zone = ZoneId.of(in.readUtf8(in.remaining()));
            // the instant is what was meant; if this JVM's zone rules differ, the local time follows them
            return ZonedDateTime.ofInstant(local, offset, zone);
        }
    },
    PERIOD(48, Period.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            Period period = (Period) value;
            out.writeInt(period.getYears());
            out.writeInt(period.getMonths());
            out.writeInt(period.getDays());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int years = in.readInt();
            int months = in.readInt();
            return Period.of(years, months, in.readInt());
        }
    },
    YEAR(49, Year.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeInt(((Year) value).getValue());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return Year.of(in.readInt());
        }
    },
    YEAR_MONTH(50, YearMonth.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            YearMonth yearMonth = (YearMonth) value;
            out.writeInt(yearMonth.getYear());
            out.writeByte(yearMonth.getMonthValue());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int year = in.readInt();
            return YearMonth.of(year, in.readByte());
        }
    },
    MONTH_DAY(51, MonthDay.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            MonthDay monthDay = (MonthDay) value;
            out.writeByte(monthDay.getMonthValue());
            out.writeByte(monthDay.getDayOfMonth());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int month = in.readByte();
            return MonthDay.of(month, in.readByte());
        }
    },
    ZONE_OFFSET(52, ZoneOffset.class, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeInt(((ZoneOffset) value).getTotalSeconds());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return ZoneOffset.ofTotalSeconds(in.readInt());
        }
    },
    ZONE_REGION(53, null, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            out.writeUtf8(((ZoneId) value).getId());
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            return ZoneId.of(in.readUtf8(in.remaining()));
        }
    },
    ENUM(60, null, true) {
        @Override
        void writePayload(Object value, ByteSink out) {
            Enum<?> constant = (Enum<?>) value;
            EnumType type = EnumType.of(constant);
            out.writeVarInt(type.className.length);
            out.writeBytes(type.className);
            out.writeBytes(type.constantName(constant.ordinal()));
        }

        @Override
        Object read(ByteSource in, EnumResolver enums) {
            int nameLength = in.readVarInt();
            int nameAt = in.position();
            in.skip(nameLength);
            EnumType type = enums.resolve(in.array(), nameAt, nameAt + nameLength);
            int constantAt = in.position();
            int constantEnd = constantAt + in.remaining();
            in.skip(in.remaining());
            Enum<?> constant = type.constant(in.array(), constantAt, constantEnd);
            if (constant == null) {
                throw new SerializationException("enum " + type.type.getName() + " has no constant "
                        + new String(in.array(), constantAt, constantEnd - constantAt, StandardCharsets.UTF_8)
                        + " in this process: every process sharing a cache must have the same version of the class"
                        + " (the entry stays in the cache)");
            }
            return constant;
        }
    };

    /** Version of this table; part of every serializer id that uses it (1 was a first table of four types). */
    static final int TABLE_VERSION = 2;

    /** Codec of each tag; null for tags without one. */
    private static final BuiltInCodec[] BY_TAG = new BuiltInCodec[64];

    /** Codec of each exact class, or null: one hash lookup per write whatever the type. */
    private static final ClassValue<BuiltInCodec> BY_CLASS = new ClassValue<>() {
        @Override
        protected BuiltInCodec computeValue(Class<?> type) {
            for (BuiltInCodec codec : values()) {
                if (codec.type == type) {
                    return codec;
                }
            }
            if (Enum.class.isAssignableFrom(type)) {
                return ENUM; // also an enum constant with a body, whose class is a subclass
            }
            if (ZoneId.class.isAssignableFrom(type)) {
                return ZONE_REGION; // ZoneId's only subclasses: ZoneOffset (matched above) and java.time.ZoneRegion
            }
            return null;
        }
    };

    static {
        for (BuiltInCodec codec : values()) {
            if (BY_TAG[codec.tag] != null) {
                throw new AssertionError("tag " + codec.tag + " used twice");
            }
            BY_TAG[codec.tag] = codec;
        }
    }

    /** The tag, first byte of the serialized form. */
    final byte tag;
    /** The exact class this codec writes, or null if it is matched another way. */
    private final Class<?> type;
    /** Whether decoded values are immutable, so they may be handed to several callers. */
    final boolean shareable;

    BuiltInCodec(int tag, Class<?> type, boolean shareable) {
        this.tag = (byte) tag;
        this.type = type;
        this.shareable = shareable;
    }

    /** Writes the serialized form of {@code value}, which is of this codec's type: the tag, then the payload. */
    void write(Object value, ByteSink out) {
        out.writeByte(tag);
        writePayload(value, out);
    }

    /** Writes the payload (not the tag) of {@code value}, which is of this codec's type. */
    abstract void writePayload(Object value, ByteSink out);

    /** Reads a payload written by {@link #write}; {@code in} ends where the value ends. */
    abstract Object read(ByteSource in, EnumResolver enums);

    /** The codec for values of exactly this class, or null if no built-in codec writes it. */
    static BuiltInCodec forClass(Class<?> type) {
        if (type == String.class) { // the commonest key and value: skips the ClassValue lookup (5 % of a put)
            return STRING_UTF8;
        }
        return BY_CLASS.get(type);
    }

    /** The codec of a tag, or null. */
    static BuiltInCodec forTag(byte tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    private static Boolean readBoolean(ByteSource in) {
        byte b = in.readByte();
        if (b != 0 && b != 1) {
            throw new SerializationException("boolean byte " + b + " is neither 0 nor 1; the bytes are damaged");
        }
        return b == 1;
    }

    private static int elements(ByteSource in, int size) {
        int bytes = in.remaining();
        if (bytes % size != 0) {
            throw new SerializationException("array of " + bytes + " bytes is not a whole number of " + size
                    + "-byte elements; the bytes are damaged");
        }
        return bytes / size;
    }

    private static BigInteger readBigInteger(ByteSource in) {
        int length = in.remaining();
        if (length == 0) {
            throw new SerializationException("empty BigInteger; the bytes are damaged");
        }
        BigInteger value = new BigInteger(in.array(), in.position(), length);
        in.skip(length);
        return value;
    }

    private static void writeDate(LocalDate date, ByteSink out) {
        out.writeInt(date.getYear());
        out.writeByte(date.getMonthValue());
        out.writeByte(date.getDayOfMonth());
    }

    private static LocalDate readDate(ByteSource in) {
        int year = in.readInt();
        int month = in.readByte();
        return LocalDate.of(year, month, in.readByte());
    }

    private static LocalTime readTime(ByteSource in) {
        return LocalTime.ofNanoOfDay(in.readLong());
    }

    private static void writeDateTime(LocalDateTime dateTime, ByteSink out) {
        writeDate(dateTime.toLocalDate(), out);
        out.writeLong(dateTime.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime readDateTime(ByteSource in) {
        LocalDate date = readDate(in);
        return LocalDateTime.of(date, readTime(in));
    }

    /** Decoding errors of the JDK factories (a month of 13, say) mean damaged bytes. */
    static boolean isDamage(RuntimeException e) {
        return e instanceof DateTimeException || e instanceof ArithmeticException || e instanceof NumberFormatException
                || e instanceof IllegalArgumentException;
    }
}
