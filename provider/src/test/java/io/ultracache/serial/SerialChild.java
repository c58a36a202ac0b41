package io.ultracache.serial;

import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreConfig;
import io.ultracache.store.StoreEntry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The child JVM of the serialization tests: opens a store with a serializer chosen by name and
 * does one thing, reporting on stdout. Exit code 0 when it did it, 1 when a check failed, 2 when
 * an exception was thrown (printed on one line as {@code ERROR <class>: <message>}).
 *
 * <pre>
 * SerialChild write-samples   DIR STORE SERIALIZER      writes every sample, as value and as key
 * SerialChild read-samples    DIR STORE SERIALIZER      checks every sample written by write-samples
 * SerialChild get             DIR STORE SERIALIZER KEY  prints VALUE &lt;value of the String key&gt;
 * SerialChild put             DIR STORE SERIALIZER KEY VALUE
 * SerialChild show            DIR STORE SERIALIZER NAME prints VALUE &lt;sample "value:NAME"&gt;, MATCHES &lt;equals the sample&gt;
 * SerialChild size            DIR STORE SERIALIZER      prints SIZE &lt;entries&gt;
 * SerialChild put-special     DIR STORE SERIALIZER KEY WHAT  puts a special value (see {@link #special})
 * SerialChild concurrent      SERIALIZER                8 threads write and read user values at once
 * SerialChild open            DIR STORE SERIALIZER      prints OPENED &lt;serializer id&gt;
 * SerialChild serializer      SERIALIZER                prints SERIALIZER &lt;id&gt; (creates it only)
 * </pre>
 * The serializer is chosen by {@link Serializers#byName(String, ClassLoader)}, so the allow-list
 * comes from the system property {@value ClassAllowList#PROPERTY} of the child.
 */
public final class SerialChild {
    private SerialChild() {
    }

    public static void main(String[] args) {
        int code;
        try {
            code = run(args);
        } catch (Throwable e) {
            System.out.println("ERROR " + e.getClass().getName() + ": " + String.valueOf(e.getMessage()).replace("\n", " | "));
            code = 2;
        }
        System.out.flush();
        System.exit(code);
    }

    private static int run(String[] args) {
        String command = args[0];
        if (command.equals("serializer")) {
            System.out.println("SERIALIZER " + serializer(args[1]).id());
            return 0;
        }
        if (command.equals("concurrent")) {
            return concurrent(serializer(args[1]));
        }
        Path dir = Path.of(args[1]);
        String store = args[2];
        Serializer serializer = serializer(args[3]);
        StoreConfig config = StoreConfig.builder("serial-test", store).directory(dir).serializer(serializer)
                .unlinkOnLastClose(false).createIfMissing(!command.equals("read-samples")).build();
        try (SharedStore s = SharedStore.open(config)) {
            switch (command) {
                case "write-samples":
                    return writeSamples(s);
                case "read-samples":
                    return readSamples(s);
                case "get":
                    System.out.println("VALUE " + s.get(args[4]));
                    return 0;
                case "put":
                    s.put(args[4], args[5], StoreEntry.ETERNAL);
                    System.out.println("PUT " + args[4]);
                    return 0;
                case "show": {
                    Object value = s.get("value:" + args[4]);
                    System.out.println("VALUE " + Samples.show(value));
                    System.out.println("MATCHES " + Samples.matches(all().get(args[4]), value));
                    return 0;
                }
                case "size":
                    System.out.println("SIZE " + s.size());
                    return 0;
                case "put-special":
                    s.put(args[4], special(args[5]), StoreEntry.ETERNAL);
                    System.out.println("PUT " + args[4]);
                    return 0;
                case "open":
                    System.out.println("OPENED " + s.serializer().id());
                    return 0;
                default:
                    throw new IllegalArgumentException("unknown command " + command);
            }
        }
    }

    /**
     * Values that test the error paths: {@code object} (no serializer of the JDK family can write it),
     * {@code nested-object} (fails half-way, inside a list), {@code atomic} (a JDK class of a package
     * FST's flags do not open).
     */
    static Object special(String what) {
        switch (what) {
            case "object":
                return new Object();
            case "nested-object":
                return new ArrayList<>(List.of("fine", new Object()));
            case "atomic":
                return new ArrayList<>(List.of(new AtomicLong(5)));
            default:
                throw new IllegalArgumentException("unknown special value " + what);
        }
    }

    /**
     * Threads that each write and read back their own user values, all at once through one
     * serializer, each with its own sink and source, as the store's threads do.
     */
    private static int concurrent(Serializer serializer) {
        int threads = 8;
        int rounds = 2000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                ByteSink sink = new ByteSink(256);
                ByteSource source = new ByteSource();
                start.await();
                int wrong = 0;
                for (int i = 0; i < rounds; i++) {
                    Object value = i % 2 == 0
                            ? new SamplePojo("t" + thread + "-" + i, i, List.of("x" + i), Map.of("n", (long) i * thread),
                                    Instant.ofEpochSecond(i), Color.values()[i % 3])
                            : new SampleKey("t" + thread, i);
                    sink.reset();
                    serializer.write(value, sink);
                    if (!value.equals(serializer.read(source.wrap(sink.array(), 0, sink.length())))) {
                        wrong++;
                    }
                }
                return wrong;
            }));
        }
        start.countDown();
        int wrong = 0;
        try {
            for (Future<Integer> result : results) {
                wrong += result.get(60, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("a thread failed: " + e, e);
        } finally {
            pool.shutdownNow();
        }
        System.out.println((wrong == 0 ? "CONCURRENT OK " : "CONCURRENT WRONG ") + wrong + " of " + threads * rounds);
        return wrong == 0 ? 0 : 1;
    }

    private static Serializer serializer(String name) {
        return Serializers.byName(name, SerialChild.class.getClassLoader());
    }

    /** Every sample value under "value:NAME", every built-in sample (and one user key) as a key mapping to its name. */
    private static int writeSamples(SharedStore store) {
        Map<String, Object> values = all();
        for (Map.Entry<String, Object> e : values.entrySet()) {
            store.put("value:" + e.getKey(), e.getValue(), StoreEntry.ETERNAL);
        }
        Map<String, Object> keys = keys();
        for (Map.Entry<String, Object> e : keys.entrySet()) {
            store.put(e.getValue(), "key:" + e.getKey(), StoreEntry.ETERNAL);
        }
        long expected = values.size() + keys.size();
        if (store.size() != expected) {
            System.out.println("MISMATCH size " + store.size() + ", expected " + expected + ": two keys collided");
            return 1;
        }
        System.out.println("WROTE " + expected);
        return 0;
    }

    private static int readSamples(SharedStore store) {
        int failures = 0;
        int checked = 0;
        for (Map.Entry<String, Object> e : all().entrySet()) {
            Object actual = store.get("value:" + e.getKey());
            if (!Samples.matches(e.getValue(), actual)) {
                System.out.println("MISMATCH value " + e.getKey() + ": expected " + Samples.show(e.getValue())
                        + ", read " + Samples.show(actual));
                failures++;
            }
            checked++;
        }
        // looking a key up by this process's own encoding finds it only if both JVMs wrote the same bytes
        for (Map.Entry<String, Object> e : keys().entrySet()) {
            Object actual = store.get(e.getValue());
            if (!("key:" + e.getKey()).equals(actual)) {
                System.out.println("MISMATCH key " + e.getKey() + ": read " + actual);
                failures++;
            }
            checked++;
        }
        System.out.println((failures == 0 ? "CHECKED " : "FAILED ") + checked);
        return failures == 0 ? 0 : 1;
    }

    private static Map<String, Object> all() {
        Map<String, Object> all = new LinkedHashMap<>(Samples.builtIn());
        all.putAll(Samples.userTypes());
        return all;
    }

    private static Map<String, Object> keys() {
        Map<String, Object> keys = new LinkedHashMap<>(Samples.builtIn());
        keys.put("userKey", new SampleKey("eu", 17));
        return keys;
    }
}
