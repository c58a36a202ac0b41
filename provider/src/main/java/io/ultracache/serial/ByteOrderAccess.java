package io.ultracache.serial;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Little-endian access to numbers inside byte arrays, shared by {@link ByteSink} and {@link ByteSource}. */
final class ByteOrderAccess {
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private ByteOrderAccess() {
    }

    static void putShort(byte[] array, int index, short value) {
        SHORT.set(array, index, value);
    }

    static void putInt(byte[] array, int index, int value) {
        INT.set(array, index, value);
    }

    static void putLong(byte[] array, int index, long value) {
        LONG.set(array, index, value);
    }

    static short getShort(byte[] array, int index) {
        return (short) SHORT.get(array, index);
    }

    static int getInt(byte[] array, int index) {
        return (int) INT.get(array, index);
    }

    static long getLong(byte[] array, int index) {
        return (long) LONG.get(array, index);
    }
}
