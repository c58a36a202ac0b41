package io.ultracache.serial;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One enum class as the built-in enum codec names it in bytes: its binary class name and its
 * constants' names, both as UTF-8, computed once per class so that writing an enum constant
 * copies bytes and allocates nothing.
 *
 * <p>Constants are named, not numbered, so that adding or reordering constants in a later version
 * of the class keeps stored entries readable; renaming one makes its old entries unreadable with
 * a clear error.
 */
final class EnumType {
    /** The enum type of every enum class, constant-specific bodies mapped to their declaring class. */
    static final ClassValue<EnumType> OF_CLASS = new ClassValue<>() {
        @Override
        protected EnumType computeValue(Class<?> type) {
            return new EnumType(type);
        }
    };

    final Class<?> type;
    final byte[] className;
    private final Enum<?>[] constants;
    private final byte[][] constantNames;

    private EnumType(Class<?> type) {
        if (!type.isEnum()) {
            throw new IllegalArgumentException(type.getName() + " is not an enum class");
        }
        this.type = type;
        this.className = type.getName().getBytes(StandardCharsets.UTF_8);
        this.constants = (Enum<?>[]) type.getEnumConstants();
        this.constantNames = new byte[constants.length][];
        for (int i = 0; i < constants.length; i++) {
            constantNames[i] = constants[i].name().getBytes(StandardCharsets.UTF_8);
        }
    }

    /** The type of an enum constant (the declaring class, also for constants with a body). */
    static EnumType of(Enum<?> constant) {
        return OF_CLASS.get(constant.getDeclaringClass());
    }

    /** UTF-8 name of the constant with this ordinal. */
    byte[] constantName(int ordinal) {
        return constantNames[ordinal];
    }

    /** The constant named by {@code bytes[from, to)} as UTF-8, or null if this class has none of that name. */
    Enum<?> constant(byte[] bytes, int from, int to) {
        for (int i = 0; i < constantNames.length; i++) {
            byte[] name = constantNames[i];
            if (Arrays.equals(name, 0, name.length, bytes, from, to)) {
                return constants[i];
            }
        }
        return null;
    }

    boolean hasClassName(byte[] bytes, int from, int to) {
        return Arrays.equals(className, 0, className.length, bytes, from, to);
    }
}
