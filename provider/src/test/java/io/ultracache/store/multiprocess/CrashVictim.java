package io.ultracache.store.multiprocess;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Random;

/**
 * Increments a counter forever, each increment in one transaction that also rewrites a large
 * self-checking filler value, so that nearly every transaction starts a new generation (writes a
 * dump) and the process holds the lock almost all the time: killed at a random moment, it most
 * likely dies holding the lock, often in the middle of a dump. After each committed increment it
 * stores the counter's value in an acknowledgment file it has mapped: a plain store into the page
 * cache, which survives {@code kill -9} (unlike output still on its way through a pipe), so the
 * test knows exactly which increments were acknowledged.
 * <pre>
 *   args: directory storeName counterKey lockTimeoutMillis ackFile
 * </pre>
 */
public final class CrashVictim {
    static final int FILLERS = 8;

    public static void main(String[] args) throws IOException {
        String counter = args[2];
        StoreConfig config = StoreConfig.builder("multiprocess", args[1]).directory(Path.of(args[0]))
                .streamMinBytes(4096).streamMaxBytes(4096).unlinkOnLastClose(false)
                .lockTimeout(Duration.ofMillis(Long.parseLong(args[3]))).build();
        Random random = new Random();
        MappedByteBuffer ack;
        try (FileChannel channel = FileChannel.open(Path.of(args[4]), StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ack = channel.map(FileChannel.MapMode.READ_WRITE, 0, 8);
        }
        try (SharedStore store = SharedStore.open(config)) {
            System.out.println("READY");
            while (true) {
                int filler = random.nextInt(FILLERS);
                byte[] value = SelfCheckingValue.create(filler, 16 * 1024 + random.nextInt(16 * 1024), random);
                long committed = store.update(tx -> {
                    tx.put("filler" + filler, value, StoreEntry.ETERNAL);
                    StoreEntry e = tx.get(counter);
                    long next = e == null ? 1 : (Long) e.value() + 1;
                    tx.put(counter, next, StoreEntry.ETERNAL);
                    return next;
                });
                ack.putLong(0, committed);
                if (committed % 16 == 0) {
                    System.out.println("ACK " + committed); // progress for the test to wait on, not the record
                }
            }
        }
    }
}
