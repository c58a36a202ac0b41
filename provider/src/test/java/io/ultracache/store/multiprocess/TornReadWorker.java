package io.ultracache.store.multiprocess;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writer or reader of self-checking values for {@code seconds}.
 * <pre>
 *   args: directory storeName writer|reader seconds keys
 * </pre>
 * The writer rewrites random keys with payloads of random length (up to 6 KiB) and prints
 * {@code DONE writes=N}; a reader reads random keys and prints
 * {@code DONE reads=N valid=N missing=N invalid=N}.
 */
public final class TornReadWorker {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean writer = args[2].equals("writer");
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        int keys = Integer.parseInt(args[4]);
        StoreConfig config = StoreConfig.builder("multiprocess", args[1]).directory(dir)
                .streamMinBytes(16 * 1024).streamMaxBytes(16 * 1024).unlinkOnLastClose(false).build();
        Random random = new Random();
        try (SharedStore store = SharedStore.open(config)) {
            System.out.println("READY");
            if (writer) {
                long writes = 0;
                while (System.nanoTime() < end) {
                    int key = random.nextInt(keys);
                    store.put(key, SelfCheckingValue.create(key, 12 + random.nextInt(6 * 1024), random), StoreEntry.ETERNAL);
                    writes++;
                }
                System.out.println("DONE writes=" + writes + " generation=" + store.status().generation());
            } else {
                long reads = 0;
                long valid = 0;
                long missing = 0;
                long invalid = 0;
                while (System.nanoTime() < end) {
                    int key = random.nextInt(keys);
                    Object value = store.get(key);
                    reads++;
                    if (value == null) {
                        missing++;
                    } else if (SelfCheckingValue.isValid(value, key)) {
                        valid++;
                    } else {
                        invalid++;
                    }
                }
                System.out.println("DONE reads=" + reads + " valid=" + valid + " missing=" + missing + " invalid=" + invalid);
            }
        }
    }
}
