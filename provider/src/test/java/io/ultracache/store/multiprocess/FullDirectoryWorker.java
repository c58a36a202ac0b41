package io.ultracache.store.multiprocess;

import io.ultracache.shm.SegmentSpaceException;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Runs in its own user and mount namespace (started through {@code unshare}): mounts a 4 MiB
 * tmpfs on the directory given, then fills it through a store until a write fails, and checks
 * that the failure is a clear {@link SegmentSpaceException}, that every earlier write is intact,
 * and that the store keeps working. Prints {@code SPACE <message>} and {@code DONE <writes>}.
 */
public final class FullDirectoryWorker {
    public static void main(String[] args) throws Exception {
        io.ultracache.testing.OrphanGuard.start();
        Path dir = Path.of(args[0]);
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", dir.toString())
                .inheritIO().start();
        if (mount.waitFor() != 0) {
            throw new AssertionError("could not mount a tmpfs on " + dir);
        }
        StoreConfig config = StoreConfig.builder("multiprocess", "full").directory(dir).streamMinBytes(64 * 1024).streamMaxBytes(64 * 1024).build();
        try (SharedStore store = SharedStore.open(config)) {
            store.put("small", "kept", StoreEntry.ETERNAL);
            int written = 0;
            SegmentSpaceException failure = null;
            for (int i = 0; i < 100 && failure == null; i++) {
                byte[] value = new byte[256 * 1024];
                Arrays.fill(value, (byte) i);
                try {
                    store.put("big" + i, value, StoreEntry.ETERNAL);
                    written++;
                } catch (SegmentSpaceException e) {
                    failure = e;
                }
            }
            if (failure == null) {
                throw new AssertionError("4 MiB never filled up");
            }
            System.out.println("SPACE " + failure.getMessage());
            check(store, written);
            if (store.get("big" + written) != null) {
                throw new AssertionError("the failed write is visible");
            }
            store.remove("big0");
            store.put("small", "still works", StoreEntry.ETERNAL);
            if (!"still works".equals(store.get("small"))) {
                throw new AssertionError("the store stopped working after running out of space");
            }
            System.out.println("DONE " + written);
        }
    }

    private static void check(SharedStore store, int written) {
        if (!"kept".equals(store.get("small"))) {
            throw new AssertionError("lost an earlier entry");
        }
        for (int i = 0; i < written; i++) {
            byte[] value = (byte[]) store.get("big" + i);
            if (value == null || value.length != 256 * 1024 || value[0] != (byte) i || value[value.length - 1] != (byte) i) {
                throw new AssertionError("entry big" + i + " damaged or lost after the failure");
            }
        }
    }
}
