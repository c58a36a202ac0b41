package io.ultracache.store;

import io.ultracache.serial.ByteSource;
import io.ultracache.stream.Checksum;
import io.ultracache.stream.RecordBuilder;

/**
 * Per-thread buffers for store operations, so that reads and writes of small entries allocate
 * nothing, plus the results of the last lookup (which need no object either).
 *
 * <p>An operation takes the thread's scratch with {@link #acquire()} and gives it back with
 * {@link #release()}. If the thread is already inside an operation (a serializer that calls the
 * cache, say), it gets a fresh scratch instead, so nested operations never clobber each other.
 */
final class ThreadScratch {
    static final int RETAINED_BYTES = 1 << 20;
    private static final ThreadLocal<ThreadScratch> LOCAL = ThreadLocal.withInitial(ThreadScratch::new);

    final RecordBuilder record = new RecordBuilder();
    final Checksum checksum = new Checksum();
    final ByteSource source = new ByteSource();
    private byte[] copy = new byte[256];
    private boolean busy;

    /** Expiry of the entry the last lookup found. */
    long expiresAt;
    /** Location of the record or dump entry holding the key of the entry the last lookup found. */
    long keyLocation;

    static ThreadScratch acquire() {
        ThreadScratch scratch = LOCAL.get();
        if (scratch.busy) {
            scratch = new ThreadScratch();
        }
        scratch.busy = true;
        return scratch;
    }

    void release() {
        record.trim(RETAINED_BYTES);
        busy = false;
    }

    /**
     * A buffer of at least {@code length} bytes for copying out of shared memory. Buffers up to
     * {@link #RETAINED_BYTES} are kept for the next operation; larger ones are not, so one huge
     * value does not pin its size in every thread that read it.
     */
    byte[] copyBuffer(int length) {
        if (length <= copy.length) {
            return copy;
        }
        if (length > RETAINED_BYTES) {
            return new byte[length];
        }
        copy = new byte[Math.min(RETAINED_BYTES, Math.max(length, copy.length * 2))];
        return copy;
    }

    /** Serialized key bytes of the key being worked on: {@code record.array()} from {@link RecordBuilder#KEY_OFFSET}. */
    byte[] keyBytes() {
        return record.array();
    }
}
