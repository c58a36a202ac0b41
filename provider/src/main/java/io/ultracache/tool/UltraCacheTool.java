package io.ultracache.tool;

import io.ultracache.serial.Serializer;
import io.ultracache.serial.Serializers;
import io.ultracache.shm.SegmentDirectory;
import io.ultracache.store.SharedStore;
import io.ultracache.store.StoreDirectory;
import io.ultracache.store.StoreEntry;
import io.ultracache.store.StoreCounter;
import io.ultracache.store.StoreStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The command line: look at and tidy up the caches in a segment directory.
 *
 * <pre>
 *   java -jar ultracache.jar [--dir DIR] status
 *   java -jar ultracache.jar [--dir DIR] dump NAME [--namespace NS] [--limit N]
 *   java -jar ultracache.jar [--dir DIR] unlink NAME [--namespace NS] [--force]
 *   java -jar ultracache.jar [--dir DIR] cleanup
 * </pre>
 *
 * Values are decoded with the default serializer when the cache uses it; put the application's
 * classes on the class path ({@code java -cp ultracache.jar:app.jar io.ultracache.tool.UltraCacheTool})
 * to decode its types. Exit code 0 on success, 1 on a problem, 2 on a usage error.
 */
public final class UltraCacheTool {
    private final PrintStream out;
    private Path directory = SegmentDirectory.defaultPath();
    private String namespace;
    private int limit = 100;
    private boolean force;

    UltraCacheTool(PrintStream out) {
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(new UltraCacheTool(System.out).run(args));
    }

    int run(String[] args) {
        List<String> words = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--dir": directory = Path.of(args[++i]); break;
                    case "--namespace": namespace = args[++i]; break;
                    case "--limit": limit = Integer.parseInt(args[++i]); break;
                    case "--force": force = true; break;
                    case "-h": case "--help": return usage(0);
                    default: words.add(args[i]);
                }
            }
        } catch (ArrayIndexOutOfBoundsException | NumberFormatException e) {
            return usage(2);
        }
        if (words.isEmpty()) {
            return usage(2);
        }
        StoreDirectory stores = StoreDirectory.of(directory);
        try {
            switch (words.get(0)) {
                case "status": return words.size() == 1 ? status(stores) : usage(2);
                case "dump": return words.size() == 2 ? dump(stores, words.get(1)) : usage(2);
                case "unlink": return words.size() == 2 ? unlink(stores, words.get(1)) : usage(2);
                case "cleanup": return words.size() == 1 ? cleanup(stores) : usage(2);
                default: return usage(2);
            }
        } catch (RuntimeException e) {
            out.println("error: " + e.getMessage());
            return 1;
        }
    }

    private int usage(int code) {
        out.println("usage: ultracache [--dir DIR] status");
        out.println("       ultracache [--dir DIR] dump NAME [--namespace NS] [--limit N]");
        out.println("       ultracache [--dir DIR] unlink NAME [--namespace NS] [--force]");
        out.println("       ultracache [--dir DIR] cleanup");
        out.println("DIR defaults to " + SegmentDirectory.defaultPath() + " (system property "
                + SegmentDirectory.DIRECTORY_PROPERTY + ")");
        return code;
    }

    private int status(StoreDirectory stores) {
        List<StoreDirectory.Problem> problems = new ArrayList<>();
        List<StoreStatus> all = stores.stores(problems);
        out.println(all.size() + " cache(s) in " + stores.path());
        for (StoreStatus s : all) {
            out.println();
            out.println("cache '" + s.name() + "' of '" + s.namespace() + "'");
            out.println("  file        " + s.controlFile() + ", created " + Instant.ofEpochMilli(s.createdAt()));
            out.println("  generation  " + s.generation() + " (" + s.dumpsWritten() + " dumps written)");
            out.printf("  stream      %,d of %,d bytes used (%.1f%%)%n", s.streamTail(), s.streamCapacity(),
                    s.streamCapacity() == 0 ? 0.0 : 100.0 * s.streamTail() / s.streamCapacity());
            out.printf("  dump        %,d entries, %,d bytes%n", s.dumpEntries(), s.dumpBytes());
            out.println("  lock        " + (s.lockOwnerPid() == 0 ? "free" : "held by pid " + s.lockOwnerPid())
                    + (s.lockTakeovers() > 0 ? ", taken over from dead owners " + s.lockTakeovers() + " time(s)" : ""));
            out.println("  attached    " + (s.attachments().isEmpty() ? "none" : s.attachments().stream()
                    .map(a -> "pid " + a.pid() + (a.alive() ? "" : " (dead)") + " since " + Instant.ofEpochMilli(a.attachedAt()))
                    .collect(Collectors.joining(", "))));
            out.println("  serializer  " + s.properties().get(SharedStore.SERIALIZER_PROPERTY));
            out.printf("  totals      %,d hits, %,d misses, %,d puts, %,d removals (all processes, counted where statistics are on)%n",
                    s.total(StoreCounter.HITS), s.total(StoreCounter.MISSES), s.total(StoreCounter.PUTS), s.total(StoreCounter.REMOVALS));
        }
        for (StoreDirectory.Problem p : problems) {
            out.println();
            out.println("problem with " + p.file() + ": " + p.message());
        }
        return problems.isEmpty() ? 0 : 1;
    }

    private StoreStatus find(StoreDirectory stores, String name) {
        List<StoreDirectory.Problem> problems = new ArrayList<>();
        List<StoreStatus> matches = stores.stores(problems).stream()
                .filter(s -> s.name().equals(name) && (namespace == null || s.namespace().equals(namespace)))
                .collect(Collectors.toList());
        if (matches.isEmpty()) {
            throw new IllegalArgumentException("no cache named '" + name + "'" + (namespace == null ? "" : " of '" + namespace + "'")
                    + " in " + stores.path());
        }
        if (matches.size() > 1) {
            throw new IllegalArgumentException("several caches are named '" + name + "': give --namespace, one of "
                    + matches.stream().map(s -> "'" + s.namespace() + "'").collect(Collectors.joining(", ")));
        }
        return matches.get(0);
    }

    private int dump(StoreDirectory stores, String name) {
        StoreStatus store = find(stores, name);
        Serializer standard = Serializers.standard(Thread.currentThread().getContextClassLoader());
        boolean decodable = standard.id().equals(store.properties().get(SharedStore.SERIALIZER_PROPERTY));
        List<StoreDirectory.RawEntry> entries = stores.entries(store, limit);
        out.println("cache '" + store.name() + "' of '" + store.namespace() + "': " + entries.size() + " entr"
                + (entries.size() == 1 ? "y" : "ies") + (entries.size() == limit ? " (limit reached; --limit N for more)" : ""));
        for (StoreDirectory.RawEntry e : entries) {
            String expiry = e.expiresAt() == StoreEntry.ETERNAL ? "" : "   (expires " + Instant.ofEpochMilli(e.expiresAt()) + ")";
            out.println("  " + show(e.key(), decodable ? standard : null, true, e) + " = "
                    + show(e.value(), decodable ? standard : null, false, e) + expiry);
        }
        return 0;
    }

    private static String show(byte[] bytes, Serializer serializer, boolean key, StoreDirectory.RawEntry e) {
        if (serializer != null) {
            try {
                Object decoded = key ? e.decodeKey(serializer) : e.decodeValue(serializer);
                return decoded instanceof byte[] ? "byte[" + ((byte[]) decoded).length + "]" : String.valueOf(decoded);
            } catch (RuntimeException ignored) {
                // shown as bytes below
            }
        }
        StringBuilder hex = new StringBuilder("<" + bytes.length + " bytes");
        for (int i = 0; i < Math.min(16, bytes.length); i++) {
            hex.append(i == 0 ? ": " : " ").append(String.format("%02x", bytes[i]));
        }
        return hex.append(bytes.length > 16 ? " ...>" : ">").toString();
    }

    private int unlink(StoreDirectory stores, String name) {
        StoreStatus store = find(stores, name);
        stores.unlink(store, Duration.ofSeconds(10), force);
        out.println("removed cache '" + store.name() + "' of '" + store.namespace() + "'"
                + (store.liveAttachments() > 0 ? "; its " + store.liveAttachments() + " attached process(es) now see it destroyed" : ""));
        return 0;
    }

    private int cleanup(StoreDirectory stores) {
        StoreDirectory.CleanupReport report = stores.cleanup(Duration.ofSeconds(10));
        report.removed().forEach(f -> out.println("removed " + f));
        report.kept().forEach(k -> out.println("kept    " + k));
        report.problems().forEach(p -> out.println("problem " + p.file() + ": " + p.message()));
        out.println(report.removed().size() + " file(s) removed, " + report.kept().size() + " cache(s) in use kept");
        return report.problems().isEmpty() ? 0 : 1;
    }
}
