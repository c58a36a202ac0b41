package io.ultracache.stream;

import java.util.zip.CRC32C;

/**
 * CRC32C of byte ranges, the checksum of records and dump entries. CRC32C is computed by a CPU
 * instruction on current x86 and ARM JVMs, so checking a value as it is copied out of shared
 * memory costs little beside the copy. One instance per thread; not thread-safe.
 */
public final class Checksum {
    private final CRC32C crc = new CRC32C();

    public int of(byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }

    /** Starts an incremental checksum; continue with {@link #update}, end with {@link #value()}. */
    public void start() {
        crc.reset();
    }

    public void update(byte[] bytes, int offset, int length) {
        crc.update(bytes, offset, length);
    }

    public int value() {
        return (int) crc.getValue();
    }
}
