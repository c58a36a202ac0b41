package io.ultracache.store.multiprocess;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process that opens a store and runs commands read from stdin, one per line, answering
 * each with one line: {@code OK ...}, or {@code ERR <exception class>: <message>}.
 *
 * <pre>
 *   args: directory storeName streamMinBytes lockTimeoutMillis unlinkOnLastClose [streamToDumpRatio]
 *   write FROM TO [TAG]        put "k&lt;i&gt;" -> "&lt;TAG&gt;-&lt;i&gt;" for i in [FROM, TO); TAG defaults to "value"
 *   check FROM TO STEP [TAG]   OK &lt;present&gt; &lt;absent&gt;; BAD if a value is not "&lt;TAG&gt;-&lt;i&gt;"
 *   remove FROM TO STEP        remove "k&lt;i&gt;" for every STEP-th i
 *   size | clear | get KEY | put KEY VALUE
 *   incr KEY N                 N atomic increments of a Long, each its own update()
 *   hold MILLIS                holds the store's lock that long (prints HOLDING when it has it)
 *   puthuge KEY BYTES          put a self-checking byte[] of BYTES bytes
 *   putttl KEY VALUE MILLIS    put that expires MILLIS from now
 *   expire KEY                 remove KEY if it has expired (as JCache does on access): OK true|false
 *   count COUNTER N            adds N to this handle's shared counter (a StoreCounter name)
 *   stamp N                    N puts of "s&lt;i&gt;" -> System.nanoTime() at the put, 1 ms apart
 *   checkhuge KEY BYTES        OK if KEY holds a whole self-checking value of BYTES bytes
 *   exit
 * </pre>
 */
public final class StoreWorker {
    public static void main(String[] args) throws Exception {
        StoreConfig config = StoreConfig.builder("multiprocess", args[1])
                .directory(Path.of(args[0]))
                .streamMinBytes(Long.parseLong(args[2])).streamMaxBytes(Long.parseLong(args[2]))
                .lockTimeout(Duration.ofMillis(Long.parseLong(args[3])))
                .unlinkOnLastClose(Boolean.parseBoolean(args[4]))
                .streamToDumpRatio(args.length > 5 ? Double.parseDouble(args[5]) : StoreConfig.DEFAULT_STREAM_TO_DUMP_RATIO)
                .build();
        try (SharedStore store = SharedStore.open(config);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            System.out.println("READY " + ProcessHandle.current().pid());
            String line;
            while ((line = in.readLine()) != null) {
                String[] c = line.trim().split(" ");
                if (c[0].equals("exit")) {
                    break;
                }
                try {
                    System.out.println(run(store, c));
                } catch (Exception e) {
                    System.out.println("ERR " + e.getClass().getName() + ": " + e.getMessage().replace('\n', ' '));
                }
            }
        }
        System.out.println("CLOSED");
    }

    private static String run(SharedStore store, String[] c) throws Exception {
        switch (c[0]) {
            case "write": {
                String tag = c.length > 3 ? c[3] : "value";
                for (int i = Integer.parseInt(c[1]); i < Integer.parseInt(c[2]); i++) {
                    store.put("k" + i, tag + "-" + i, StoreEntry.ETERNAL);
                }
                return "OK";
            }
            case "check": {
                String tag = c.length > 4 ? c[4] : "value";
                int present = 0;
                int absent = 0;
                for (int i = Integer.parseInt(c[1]); i < Integer.parseInt(c[2]); i += Integer.parseInt(c[3])) {
                    Object value = store.get("k" + i);
                    if (value == null) {
                        absent++;
                    } else if (value.equals(tag + "-" + i)) {
                        present++;
                    } else {
                        return "BAD k" + i + "=" + value;
                    }
                }
                return "OK " + present + " " + absent;
            }
            case "remove": {
                int removed = 0;
                for (int i = Integer.parseInt(c[1]); i < Integer.parseInt(c[2]); i += Integer.parseInt(c[3])) {
                    if (store.remove("k" + i)) {
                        removed++;
                    }
                }
                return "OK " + removed;
            }
            case "size":
                return "OK " + store.size();
            case "clear":
                store.clear();
                return "OK";
            case "get":
                return "OK " + store.get(c[1]);
            case "put":
                store.put(c[1], c[2], StoreEntry.ETERNAL);
                return "OK";
            case "incr": {
                String key = c[1];
                for (int i = Integer.parseInt(c[2]); i > 0; i--) {
                    store.update(tx -> {
                        StoreEntry e = tx.get(key);
                        tx.put(key, e == null ? 1L : (Long) e.value() + 1, StoreEntry.ETERNAL);
                        return null;
                    });
                }
                return "OK";
            }
            case "hold": {
                long millis = Long.parseLong(c[1]);
                store.update(tx -> {
                    System.out.println("HOLDING");
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    tx.put("held", "by " + ProcessHandle.current().pid(), StoreEntry.ETERNAL);
                    return null;
                });
                return "OK";
            }
            case "putttl":
                store.put(c[1], c[2], System.currentTimeMillis() + Long.parseLong(c[3]));
                return "OK";
            case "expire": {
                String key = c[1];
                boolean removed = store.update(tx -> tx.removeExpired(key));
                return "OK " + removed;
            }
            case "count":
                store.count(io.ultracache.store.StoreCounter.valueOf(c[1]), Long.parseLong(c[2]));
                return "OK";
            case "stamp": {
                for (int i = 0; i < Integer.parseInt(c[1]); i++) {
                    store.put("s" + i, System.nanoTime(), StoreEntry.ETERNAL);
                    Thread.sleep(1);
                }
                return "OK";
            }
            case "puthuge":
                store.put(c[1], SelfCheckingValue.create(c[1].hashCode(), Integer.parseInt(c[2]), new java.util.Random()), StoreEntry.ETERNAL);
                return "OK";
            case "checkhuge": {
                Object value = store.get(c[1]);
                boolean whole = SelfCheckingValue.isValid(value, c[1].hashCode()) && ((byte[]) value).length == Integer.parseInt(c[2]);
                return whole ? "OK" : "BAD " + (value == null ? "missing" : value.getClass().getName());
            }
            default:
                return "ERR unknown command " + String.join(" ", c);
        }
    }
}
