package io.ultracache.examples.demo;

import io.ultracache.examples.support.ChildJvm;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.cache.Cache;
import javax.cache.CacheManager;
import javax.cache.configuration.MutableConfiguration;

/**
 * The UltraCache demo: several JVMs on this machine share caches through the plain JCache API, with
 * no server. This JVM (the coordinator) creates three caches, starts N child JVMs ({@link DemoNode})
 * on the same class path and has them, step by step:
 * <ol>
 *   <li>jvm-1 writes orders and prices;</li>
 *   <li>the other JVMs read them;</li>
 *   <li>the last JVM cancels an order (remove) and reprices an item (replace(k, old, new));</li>
 *   <li>jvm-1 reads again and sees both changes;</li>
 *   <li>all JVMs increment one shared counter at the same time with {@code invoke};</li>
 * </ol>
 * then it checks the final state with its own cache handles, closes everything and checks that no
 * segment file is left. Exit code 0 if every check passed, 1 if one failed, 2 on an error (a child
 * JVM failed or hung; the whole run is bounded in time) or bad arguments.
 *
 * <p>Run it with {@code mvn -B -q -pl examples -am compile -Pdemo}.
 */
public final class SharedCacheDemo {
    private static final System.Logger LOG = System.getLogger(SharedCacheDemo.class.getName());
    static final String USAGE = "usage: SharedCacheDemo [--jvms N (2 to 8, default 3)] [--increments N (1 to 1000000,"
            + " default 1000)]";
    /** The whole run, child JVMs' startup included, must end within this. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(180);

    private final int jvmCount;
    private final int increments;
    private final PrintStream out;
    private final String prefix = String.format("[%-5s pid %d] ", "main", ProcessHandle.current().pid());
    private final List<String> failures = new ArrayList<>();
    private long deadline;

    SharedCacheDemo(int jvmCount, int increments, PrintStream out) {
        if (jvmCount < 2 || jvmCount > 8) {
            throw new IllegalArgumentException("--jvms must be from 2 to 8, not " + jvmCount);
        }
        if (increments < 1 || increments > 1_000_000) {
            throw new IllegalArgumentException("--increments must be from 1 to 1000000, not " + increments);
        }
        this.jvmCount = jvmCount;
        this.increments = increments;
        this.out = out;
    }

    public static void main(String[] args) {
        SharedCacheDemo demo;
        try {
            demo = parse(args, System.out);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (demo == null) {
            System.out.println(USAGE);
            return;
        }
        System.exit(demo.run());
    }

    /**
     * Reads the command line; null for {@code --help}.
     *
     * @throws IllegalArgumentException saying what is wrong
     */
    static SharedCacheDemo parse(String[] args, PrintStream out) {
        int jvms = 3;
        int increments = 1000;
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            switch (option) {
                case "--help":
                case "-h":
                    return null;
                case "--jvms":
                    jvms = number(option, args, ++i);
                    break;
                case "--increments":
                    increments = number(option, args, ++i);
                    break;
                default:
                    throw new IllegalArgumentException("unknown argument '" + option + "'");
            }
        }
        return new SharedCacheDemo(jvms, increments, out);
    }

    private static int number(String option, String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a number after it");
        }
        try {
            return Integer.parseInt(args[i]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " needs a whole number, not '" + args[i] + "'");
        }
    }

    /** Runs the demo; returns the exit code. */
    int run() {
        deadline = System.nanoTime() + RUN_TIMEOUT.toNanos();
        Path directory;
        try {
            directory = createDirectory();
        } catch (IOException e) {
            print("cannot create a segment directory: " + e);
            return 2;
        }
        List<ChildJvm> jvms = new ArrayList<>();
        CacheManager manager = null;
        try {
            header("UltraCache demo: this JVM and " + jvmCount + " child JVMs share caches in " + directory);
            manager = DemoCaches.openManager(directory);
            createCaches(manager);
            startJvms(directory, jvms);
            steps(manager, jvms);
            shutDown(manager, jvms);
            manager = null;
            List<String> left = files(directory);
            check(left.isEmpty(), "every JVM closed its caches; segment files left: " + left.size()
                    + (left.isEmpty() ? "" : " " + left));
        } catch (RuntimeException | IOException e) { // ChildJvmException among them: a child failed or hung
            print("ERROR: " + e.getMessage());
            LOG.log(System.Logger.Level.DEBUG, "demo failed", e);
            return 2;
        } finally {
            for (ChildJvm jvm : jvms) {
                jvm.close(); // kills any child still running
            }
            if (manager != null) {
                manager.close();
            }
            deleteDirectory(directory);
        }
        if (failures.isEmpty()) {
            header("Demo passed: " + (jvmCount + 1) + " JVMs saw one another's writes, removals and "
                    + jvmCount * increments + " atomic increments.");
            return 0;
        }
        header("Demo FAILED: " + String.join("; ", failures));
        return 1;
    }

    /** A fresh directory for this run's segments: in /dev/shm where there is one, so runs never meet. */
    private static Path createDirectory() throws IOException {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        return Files.createTempDirectory(base, "ultracache-demo-");
    }

    private void createCaches(CacheManager manager) {
        // the coordinator creates the caches; the child JVMs find them by name with getCache
        manager.createCache(DemoCaches.ORDERS, new MutableConfiguration<String, Order>().setTypes(String.class, Order.class));
        manager.createCache(DemoCaches.PRICES,
                new MutableConfiguration<String, BigDecimal>().setTypes(String.class, BigDecimal.class));
        manager.createCache(DemoCaches.COUNTERS, new MutableConfiguration<String, Long>().setTypes(String.class, Long.class));
        print("created caches '" + DemoCaches.ORDERS + "', '" + DemoCaches.PRICES + "' and '" + DemoCaches.COUNTERS
                + "' in cache manager " + manager.getURI());
    }

    private void startJvms(Path directory, List<ChildJvm> jvms) {
        for (int i = 1; i <= jvmCount; i++) {
            String label = "jvm-" + i;
            jvms.add(ChildJvm.start(label, DemoNode.class, List.of(), List.of(label, directory.toString()), this::echo));
        }
        for (ChildJvm jvm : jvms) {
            jvm.awaitReady(remaining());
        }
        print("started " + jvmCount + " JVMs: " + jvms.stream().map(j -> j.label() + " (pid " + j.pid() + ")")
                .collect(Collectors.joining(", ")));
    }

    private void steps(CacheManager manager, List<ChildJvm> jvms) {
        ChildJvm writer = jvms.get(0);
        ChildJvm last = jvms.get(jvms.size() - 1);
        List<ChildJvm> readers = jvms.subList(1, jvms.size());
        Set<String> allIds = new TreeSet<>(DemoNode.ORDERS.keySet());

        header("Step 1: " + writer.label() + " writes " + allIds.size() + " orders and their prices");
        writer.ask("write", remaining());

        header("Step 2: " + labels(readers) + " read them from shared memory");
        for (ChildJvm reader : readers) {
            Map<String, String> seen = DemoNode.parseRead(reader.ask("read", remaining()));
            check(seen.get("ids").equals(String.join(",", allIds)), reader.label() + " sees all " + allIds.size()
                    + " orders " + writer.label() + " wrote (saw " + seen.get("ids") + ")");
        }

        header("Step 3: " + last.label() + " cancels order-3 and reprices coffee-beans from 12.50 to 11.90");
        check(last.ask("cancel order-3", remaining()).equals("true"), last.label() + " removed order-3");
        check(last.ask("reprice coffee-beans 12.50 11.90", remaining()).equals("true"),
                last.label() + " replaced the price 12.50 with 11.90");

        header("Step 4: " + writer.label() + " reads again");
        Map<String, String> seen = DemoNode.parseRead(writer.ask("read", remaining()));
        allIds.remove("order-3");
        check(seen.get("ids").equals(String.join(",", allIds)), writer.label() + " sees order-3 gone (saw "
                + seen.get("ids") + ")");
        check("11.90".equals(seen.get("coffee-beans")), writer.label() + " sees coffee-beans at 11.90 (saw "
                + seen.get("coffee-beans") + ")");

        header("Step 5: all " + jvmCount + " JVMs increment '" + DemoCaches.PAGE_VIEWS + "' " + increments
                + " times each, at the same time, with invoke()");
        for (ChildJvm jvm : jvms) {
            jvm.send("count " + DemoCaches.PAGE_VIEWS + " " + increments);
        }
        long expected = (long) jvmCount * increments;
        long highest = 0;
        for (ChildJvm jvm : jvms) {
            highest = Math.max(highest, Long.parseLong(jvm.await(remaining())));
        }
        check(highest == expected, "the last increment of all saw " + highest + " (expected " + expected + ")");

        header("Check: the coordinator reads the final state with its own cache handles");
        Cache<String, Order> orders = DemoCaches.orders(manager);
        Set<String> ids = new TreeSet<>();
        orders.forEach(entry -> ids.add(entry.getKey()));
        check(ids.equals(allIds), "orders: " + ids);
        BigDecimal coffee = DemoCaches.prices(manager).get("coffee-beans");
        check(new BigDecimal("11.90").equals(coffee), "price of coffee-beans: " + coffee);
        Long pageViews = DemoCaches.counters(manager).get(DemoCaches.PAGE_VIEWS);
        check(pageViews != null && pageViews == expected, DemoCaches.PAGE_VIEWS + " = " + pageViews + " (" + jvmCount
                + " JVMs x " + increments + "; none lost)");
    }

    private void shutDown(CacheManager manager, List<ChildJvm> jvms) {
        header("Closing: each JVM closes its cache manager; the last one to close a cache removes its segments");
        for (ChildJvm jvm : jvms) {
            jvm.ask("exit", remaining());
            int code = jvm.waitForExit(remaining());
            check(code == 0, jvm.label() + " exited with code " + code);
        }
        manager.close();
    }

    private Duration remaining() {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ChildJvm.ChildJvmException("the demo did not finish within " + RUN_TIMEOUT.toSeconds() + " s");
        }
        return Duration.ofNanos(left);
    }

    private void check(boolean ok, String what) {
        print((ok ? "ok      " : "FAILED  ") + what);
        if (!ok) {
            failures.add(what);
        }
    }

    private static String labels(List<ChildJvm> jvms) {
        return jvms.stream().map(ChildJvm::label).collect(Collectors.joining(" and "));
    }

    private void header(String text) {
        synchronized (out) {
            out.println();
            out.println("== " + text);
        }
    }

    private void print(String text) {
        echo(prefix + text);
    }

    /** Prints one line of this JVM or of a child (children print their own label and pid). */
    private void echo(String line) {
        synchronized (out) {
            out.println(line);
        }
    }

    private static List<String> files(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static void deleteDirectory(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "could not remove the demo's segment directory " + directory, e);
        }
    }
}
