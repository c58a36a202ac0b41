package io.ultracache.store.multiprocess;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.zip.CRC32;

/**
 * A byte[] payload that carries its own check, so a reader can tell a whole value from a torn or
 * mixed one without knowing what was written:
 * <pre>
 *   0        4          8             12
 *   | length | key id   | CRC32 of the rest | random bytes ...
 * </pre>
 */
final class SelfCheckingValue {
    static final int HEADER = 12;

    private SelfCheckingValue() {
    }

    static byte[] create(int keyId, int length, Random random) {
        byte[] value = new byte[Math.max(HEADER, length)];
        random.nextBytes(value);
        ByteBuffer b = ByteBuffer.wrap(value);
        b.putInt(0, value.length);
        b.putInt(4, keyId);
        b.putInt(8, crc(value));
        return value;
    }

    private static int crc(byte[] value) {
        CRC32 crc = new CRC32();
        crc.update(value, 0, 8);
        crc.update(value, HEADER, value.length - HEADER);
        return (int) crc.getValue();
    }

    /** Whether {@code value} is a whole payload written for {@code keyId}. */
    static boolean isValid(Object value, int keyId) {
        if (!(value instanceof byte[])) {
            return false;
        }
        byte[] bytes = (byte[]) value;
        if (bytes.length < HEADER) {
            return false;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return b.getInt(0) == bytes.length && b.getInt(4) == keyId && b.getInt(8) == crc(bytes);
    }
}
