package io.ultracache.store.multiprocess;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.nio.file.Path;

/**
 * Opens, uses and closes one store {@code cycles} times, racing other processes that do the same;
 * each close by the last attached process removes the store, so attaching often races a removal.
 * Every value read must be one some process wrote ("pid:cycle"). Prints {@code DONE} or fails.
 * <pre>
 *   args: directory storeName cycles
 * </pre>
 */
public final class ChurnWorker {
    public static void main(String[] args) {
        io.ultracache.testing.OrphanGuard.start();
        int cycles = Integer.parseInt(args[2]);
        long pid = ProcessHandle.current().pid();
        StoreConfig config = StoreConfig.builder("multiprocess", args[1]).directory(Path.of(args[0])).streamMinBytes(4096).streamMaxBytes(4096).build();
        for (int i = 0; i < cycles; i++) {
            try (SharedStore store = SharedStore.open(config)) {
                store.put("k", pid + ":" + i, StoreEntry.ETERNAL);
                Object value = store.get("k");
                if (!(value instanceof String) || !((String) value).matches("\\d+:\\d+")) {
                    throw new AssertionError("garbage read in cycle " + i + ": " + value);
                }
            }
        }
        System.out.println("DONE");
    }
}
