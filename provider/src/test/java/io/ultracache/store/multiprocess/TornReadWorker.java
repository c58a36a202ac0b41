package io.ultracache.store.multiprocess;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.nio.file.Path;
import java.util.Random;

/**
 * Writer or reader of self-checking values.
 * <pre>
 *   args: directory storeName writer|reader seconds keys generations
 * </pre>
 * The writer rewrites random keys with payloads of random length (up to 6 KiB) for at least
 * {@code seconds} and until it has started {@code generations} generations (at most 10 times
 * {@code seconds}, so a slow machine still ends), then sets the key "done" and prints
 * {@code DONE writes=N generation=N}. A reader reads random keys until it sees "done" (at most 12
 * times {@code seconds}) and prints {@code DONE reads=N valid=N missing=N invalid=N}.
 */
public final class TornReadWorker {
    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        boolean writer = args[2].equals("writer");
        long seconds = Long.parseLong(args[3]);
        int keys = Integer.parseInt(args[4]);
        long generations = Long.parseLong(args[5]);
        long start = System.nanoTime();
        long minimum = start + seconds * 1_000_000_000L;
        StoreConfig config = StoreConfig.builder("multiprocess", args[1]).directory(dir)
                .streamMinBytes(16 * 1024).streamMaxBytes(16 * 1024).unlinkOnLastClose(false).build();
        Random random = new Random();
        try (SharedStore store = SharedStore.open(config)) {
            System.out.println("READY");
            if (writer) {
                long maximum = start + 10 * seconds * 1_000_000_000L;
                long writes = 0;
                long now;
                while ((now = System.nanoTime()) < minimum || (store.status().generation() < generations && now < maximum)) {
                    for (int i = 0; i < 100; i++) {
                        int key = random.nextInt(keys);
                        store.put(key, SelfCheckingValue.create(key, 12 + random.nextInt(6 * 1024), random), StoreEntry.ETERNAL);
                        writes++;
                    }
                }
                store.put("done", "yes", StoreEntry.ETERNAL);
                System.out.println("DONE writes=" + writes + " generation=" + store.status().generation());
            } else {
                long maximum = start + 12 * seconds * 1_000_000_000L;
                long reads = 0;
                long valid = 0;
                long missing = 0;
                long invalid = 0;
                while (store.get("done") == null && System.nanoTime() < maximum) {
                    for (int i = 0; i < 100; i++) {
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
                }
                System.out.println("DONE reads=" + reads + " valid=" + valid + " missing=" + missing + " invalid=" + invalid);
            }
        }
    }
}
