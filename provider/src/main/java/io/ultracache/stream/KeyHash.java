package io.ultracache.stream;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The 64-bit hash of a key's serialized bytes. Every process must compute the same value for the
 * same bytes, so it is fixed here and part of the layout version: changing it is a layout change.
 * The low bits pick a hash-table slot; the high 32 bits are kept in the slot as a tag, so most
 * mismatches are rejected without touching the key bytes.
 */
public final class KeyHash {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;

    private KeyHash() {
    }

    public static long hash(byte[] bytes, int offset, int length) {
        long h = P2 ^ (length * P1);
        int i = 0;
        for (; i + 8 <= length; i += 8) {
            long k = (long) LONG.get(bytes, offset + i) * P1;
            h = Long.rotateLeft(h ^ Long.rotateLeft(k, 31) * P2, 27) * P1 + P2;
        }
        long tail = 0;
        for (int shift = 0; i < length; i++, shift += 8) {
            tail |= (bytes[offset + i] & 0xFFL) << shift;
        }
        h ^= Long.rotateLeft(tail * P2, 33) * P1;
        // final avalanche (murmur3 fmix64)
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        h ^= h >>> 33;
        h *= 0xC4CEB9FE1A85EC53L;
        h ^= h >>> 33;
        return h;
    }

    /** The tag kept in hash-table slots: the high 32 bits. */
    public static int tag(long hash) {
        return (int) (hash >>> 32);
    }
}
