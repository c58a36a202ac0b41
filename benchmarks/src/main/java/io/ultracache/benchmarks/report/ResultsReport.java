package io.ultracache.benchmarks.report;

import io.ultracache.benchmarks.RunMode;
import io.ultracache.benchmarks.multiprocess.IncrementHarness;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Writes one run's results as markdown: the targets with their status first, then every table,
 * then how each number was produced. Every ratio compares figures of this one run.
 */
public final class ResultsReport {
    private static final String[] OPERATIONS = {"get", "put", "readMostly"};
    private static final double GIB_KB = 1024.0 * 1024.0;
    /** UltraDict's published figures, quoted as given (Python packages cannot be installed here). */
    private static final String ULTRADICT = "UltraDict (published, not measured here): 500,000 writes/s at one key,"
            + " 40,000 writes/s at 100,000 keys";

    private final Results r;
    private final RunInfo info;
    private final List<Subject> subjects;
    private final List<Subject> unavailable;
    private final StringBuilder out = new StringBuilder();

    public ResultsReport(Results results, RunInfo info, List<Subject> subjects, List<Subject> unavailable) {
        this.r = results;
        this.info = info;
        this.subjects = subjects;
        this.unavailable = unavailable;
    }

    public String render() {
        header();
        targets();
        throughput();
        allocation();
        visibility();
        listenerDelay();
        increments();
        memory();
        growth();
        failures();
        method();
        return out.toString();
    }

    // ------------------------------------------------------------------ header

    private void header() {
        DateTimeFormatter time = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
        line("# UltraCache benchmarks: results");
        line("");
        line("One run of every benchmark, UltraCache beside its peers; every ratio below compares figures of this run.");
        line("");
        line("| | |");
        line("|---|---|");
        line("| date | " + time.format(info.started) + " (took " + minutes(Duration.between(info.started, info.finished)) + ") |");
        line("| command | `" + info.command + "` (mode " + info.mode.name().toLowerCase(Locale.ROOT) + ") |");
        line("| JDK | " + RunInfo.jdk() + " |");
        line("| machine | " + RunInfo.cpu() + ", " + RunInfo.memory() + "; shared with other builds |");
        line("| load average (1/5/15 min) | at start " + info.loadAtStart + "; at end " + info.loadAtEnd + " |");
        line("| versions | JMH " + info.versions.getProperty("jmh") + ", Caffeine " + info.versions.getProperty("caffeine")
                + ", Ehcache " + info.versions.getProperty("ehcache") + ", Chronicle Map " + info.versions.getProperty("chronicle-map")
                + ", Jedis " + info.versions.getProperty("jedis") + ", " + redisVersion() + " |");
        line("");
        for (Subject subject : unavailable) {
            line("> Not measured: " + subject.label() + " is not in this build (its provider is not on main yet).");
            line("");
        }
        if (info.mode == RunMode.QUICK) {
            line("> **Quick (smoke) run**: iterations are too short for the figures to mean much, and the memory"
                    + " workload holds " + String.format("%,d", info.mode.memoryEntries) + " entries, not 1,000,000. Quote only a full run.");
            line("");
        }
    }

    private static String redisVersion() {
        String v = System.getProperty("ultracache.bench.redisVersion");
        return v == null || v.isBlank() ? "redis-server (version unknown)" : "redis-server " + v;
    }

    // ------------------------------------------------------------------ targets

    private void targets() {
        line("## Targets");
        line("");
        line("| target | measured (this run) | status |");
        line("|---|---|---|");
        Optional<Double> getUc = score(Subject.ULTRACACHE, ValueKind.SHORT_STRING, "get", 1);
        ratioTarget("get, short String, 1 thread: >= 0.5x ConcurrentHashMap", getUc,
                score(Subject.CONCURRENT_HASH_MAP, ValueKind.SHORT_STRING, "get", 1), 0.5, "ConcurrentHashMap");
        ratioTarget("get, short String, 1 thread: >= 2x Chronicle Map", getUc,
                score(Subject.CHRONICLE_MAP, ValueKind.SHORT_STRING, "get", 1), 2, "Chronicle Map");
        ratioTarget("get, short String, 1 thread: >= Caffeine JCache by value", getUc,
                score(Subject.CAFFEINE_JCACHE_BY_VALUE, ValueKind.SHORT_STRING, "get", 1), 1, "Caffeine by value");
        Optional<Results.Throughput> hit = r.throughput(Subject.ULTRACACHE, ValueKind.SHORT_STRING, "get", 1);
        target("get, short String, 1 thread: 0 bytes allocated per hit",
                hit.map(t -> bytes(t.allocBytesPerOp()) + " B/op (gc.alloc.rate.norm)").orElse("not measured"),
                hit.map(t -> t.allocBytesPerOp() < 0.5));
        Optional<Double> putUc = score(Subject.ULTRACACHE, ValueKind.SHORT_STRING, "put", 1);
        ratioTarget("put, short String, 1 thread: >= 1.5x Chronicle Map", putUc,
                score(Subject.CHRONICLE_MAP, ValueKind.SHORT_STRING, "put", 1), 1.5, "Chronicle Map");
        ratioTarget("put, short String, 1 thread: >= 20x Redis", putUc,
                score(Subject.REDIS, ValueKind.SHORT_STRING, "put", 1), 20, "Redis");
        Optional<Results.Visibility> vis = r.visibility(Subject.ULTRACACHE);
        target("cross-process visibility p50 < 1 microsecond",
                vis.map(v -> "p50 " + nanos(v.p50()) + " (p99 " + nanos(v.p99()) + ")").orElse("not measured"),
                vis.map(v -> v.p50() < 1000));
        for (int keys : IncrementHarness.KEY_COUNTS) {
            Optional<Results.Increments> uc = r.increments(Subject.ULTRACACHE, 4, keys);
            Optional<Results.Increments> cm = r.increments(Subject.CHRONICLE_MAP, 4, keys);
            String measured = uc.isPresent() && cm.isPresent()
                    ? perSecond(uc.get().opsPerSecond()) + " vs Chronicle Map " + perSecond(cm.get().opsPerSecond())
                    + ": " + ratio(uc.get().opsPerSecond() / cm.get().opsPerSecond())
                    + (uc.get().verified() ? "" : "; UltraCache LOST UPDATES")
                    : "not measured";
            target("increments by 4 JVMs, " + keys + (keys == 1 ? " key" : " keys") + ": >= Chronicle Map", measured,
                    uc.isPresent() && cm.isPresent()
                            ? Optional.of(uc.get().verified() && uc.get().opsPerSecond() >= cm.get().opsPerSecond())
                            : Optional.empty());
        }
        Optional<Results.Growth> small = r.growth(1_000, "put");
        Optional<Results.Growth> large = r.growth(1_000_000, "put");
        target("put at 1,000,000 keys >= half of put at 1,000 keys",
                small.isPresent() && large.isPresent()
                        ? ops(large.get().opsPerMicro()) + " vs " + ops(small.get().opsPerMicro()) + " Mops/s: "
                        + ratio(large.get().opsPerMicro() / small.get().opsPerMicro())
                        : "not measured",
                small.isPresent() && large.isPresent()
                        ? Optional.of(large.get().opsPerMicro() >= 0.5 * small.get().opsPerMicro()) : Optional.empty());
        Optional<Results.Memory> mem = r.memory(Subject.ULTRACACHE, 4);
        boolean fullSize = mem.map(m -> m.entries() >= 1_000_000).orElse(false);
        target("4 JVMs over 1 GiB of entries: < 1.5 GiB resident in total beyond the JVMs' baseline",
                mem.map(m -> gib(m.pssGrowthKb()) + " Pss beyond baseline (sum of 4), " + String.format("%,d", m.entries())
                        + " entries").orElse("not measured"),
                fullSize ? mem.map(m -> m.pssGrowthKb() < 1.5 * GIB_KB) : Optional.empty());
        line("");
    }

    private void ratioTarget(String target, Optional<Double> ultra, Optional<Double> peer, double needed, String peerName) {
        if (ultra.isEmpty() || peer.isEmpty()) {
            target(target, "not measured", Optional.empty());
            return;
        }
        double ratio = ultra.get() / peer.get();
        target(target, "UltraCache " + ops(ultra.get()) + " vs " + peerName + " " + ops(peer.get()) + " Mops/s: "
                + ratio(ratio), Optional.of(ratio >= needed));
    }

    private void target(String target, String measured, Optional<Boolean> met) {
        line("| " + target + " | " + measured + " | " + met.map(m -> m ? "**met**" : "**MISSED**").orElse("not measured") + " |");
    }

    private Optional<Double> score(Subject subject, ValueKind values, String operation, int threads) {
        return r.throughput(subject, values, operation, threads).map(Results.Throughput::opsPerMicro);
    }

    // ------------------------------------------------------------------ tables

    private void throughput() {
        line("## Single-process throughput");
        line("");
        line("Millions of operations per second (JMH throughput, ops/µs), 100,000 keys all present, uniformly random keys;"
                + " 90/10 is 90 % get, 10 % put. ± is JMH's 99.9 % confidence half-width.");
        for (ValueKind values : List.of(ValueKind.SHORT_STRING, ValueKind.BYTES_1K)) {
            line("");
            line("### " + values.label() + " values");
            line("");
            line("| subject | get, 1 thread | get, 2 threads | put, 1 thread | put, 2 threads | 90/10, 1 thread | 90/10, 2 threads |");
            line("|---|--:|--:|--:|--:|--:|--:|");
            for (Subject subject : subjects) {
                StringBuilder row = new StringBuilder("| " + subject.label());
                for (String op : OPERATIONS) {
                    for (int threads = 1; threads <= 2; threads++) {
                        row.append(" | ").append(r.throughput(subject, values, op, threads)
                                .map(t -> ops(t.opsPerMicro()) + " ± " + ops(t.error())).orElse("–"));
                    }
                }
                line(row.append(" |").toString());
            }
        }
        line("");
    }

    private void allocation() {
        line("## Allocation per operation");
        line("");
        line("Bytes allocated per operation, 1 thread (JMH `-prof gc`, gc.alloc.rate.norm), same runs as above.");
        line("");
        line("| subject | get, short String | put, short String | get, 1 KiB | put, 1 KiB |");
        line("|---|--:|--:|--:|--:|");
        for (Subject subject : subjects) {
            StringBuilder row = new StringBuilder("| " + subject.label());
            for (ValueKind values : List.of(ValueKind.SHORT_STRING, ValueKind.BYTES_1K)) {
                for (String op : List.of("get", "put")) {
                    row.append(" | ").append(r.throughput(subject, values, op, 1).map(t -> bytes(t.allocBytesPerOp())).orElse("–"));
                }
            }
            line(row.append(" |").toString());
        }
        line("");
    }

    private void visibility() {
        line("## Cross-process visibility");
        line("");
        line("Time from the start of a put in JVM A to the first get in JVM B that returns the value (both JVMs on this machine,"
                + " System.nanoTime in both). One put every 100 µs; the reader records only the puts it sees (while it is"
                + " descheduled, later puts overwrite earlier ones), so long stalls show in the tail and in the count.");
        line("");
        line("| subject | p50 | p90 | p99 | p99.9 | max | puts seen by the reader | the put call alone: p50 / p99 |");
        line("|---|--:|--:|--:|--:|--:|--:|--:|");
        for (Results.Visibility v : r.visibility) {
            delayRow(v);
        }
        line("");
    }

    private void delayRow(Results.Visibility v) {
        line("| " + v.subject().label() + " | " + nanos(v.p50()) + " | " + nanos(v.p90()) + " | " + nanos(v.p99()) + " | "
                + nanos(v.p999()) + " | " + nanos(v.max()) + " | " + String.format("%,d of %,d", v.samples(), v.puts())
                + " | " + nanos(v.putP50()) + " / " + nanos(v.putP99()) + " |");
    }

    private void listenerDelay() {
        if (r.listenerDelay.isEmpty()) {
            return;
        }
        line("## Cross-process listener delay");
        line("");
        line("Time from the start of a put in JVM A to the callback of a synchronous `CacheEntryListener` registered in"
                + " JVM B, both through UltraCache's JCache provider (the peers have no cross-process listeners). B's change"
                + " feed delivers other processes' events from a background thread; same pace as the visibility measurement.");
        line("");
        line("| subject | p50 | p90 | p99 | p99.9 | max | puts heard by the listener | the put call alone: p50 / p99 |");
        line("|---|--:|--:|--:|--:|--:|--:|--:|");
        for (Results.Visibility v : r.listenerDelay) {
            delayRow(v);
        }
        line("");
    }

    private void increments() {
        line("## Contended atomic increments across JVMs");
        line("");
        line("Increments per second, all JVMs together, in a window common to all of them. UltraCache: `SharedStore.update`"
                + " (get and put under the store's cross-process lock); Chronicle Map: `compute` (under the segment lock in the"
                + " shared file); Redis: `INCR`. ✓: the counters' sum equals the increments made.");
        line("");
        StringBuilder head = new StringBuilder("| subject");
        StringBuilder rule = new StringBuilder("|---");
        for (int jvms : IncrementHarness.JVM_COUNTS) {
            for (int keys : IncrementHarness.KEY_COUNTS) {
                head.append(" | ").append(jvms).append(" JVMs, ").append(String.format("%,d", keys)).append(keys == 1 ? " key" : " keys");
                rule.append("|--:");
            }
        }
        line(head.append(" |").toString());
        line(rule.append("|").toString());
        for (Subject subject : r.increments.stream().map(Results.Increments::subject).distinct().collect(Collectors.toList())) {
            StringBuilder row = new StringBuilder("| " + subject.label());
            for (int jvms : IncrementHarness.JVM_COUNTS) {
                for (int keys : IncrementHarness.KEY_COUNTS) {
                    row.append(" | ").append(r.increments(subject, jvms, keys)
                            .map(i -> perSecond(i.opsPerSecond()) + (i.verified() ? " ✓" : " LOST (" + i.check() + ")")).orElse("–"));
                }
            }
            line(row.append(" |").toString());
        }
        line("");
    }

    private void memory() {
        int entries = r.memory.stream().mapToInt(Results.Memory::entries).findFirst().orElse(0);
        line("## Memory: " + String.format("%,d", entries) + " entries of 1 KiB");
        line("");
        line("Sums over the reading JVMs of /proc/PID/smaps_rollup once each has read every entry; \"beyond baseline\""
                + " subtracts the same JVMs' sums before they opened the cache. Pss divides shared pages among the"
                + " processes that map them, so its sum counts shared memory once; Rss counts it in every process."
                + " Segment files: bytes of the files in /dev/shm (apparent / allocated).");
        line("");
        line("| subject | JVMs | Pss, total | Pss beyond baseline | Rss, total | Rss beyond baseline | segment files |");
        line("|---|--:|--:|--:|--:|--:|--:|");
        for (Results.Memory m : r.memory) {
            line("| " + m.subject().label() + " | " + m.jvms() + " | " + gib(m.pssKb()) + " | " + gib(m.pssGrowthKb()) + " | "
                    + gib(m.rssKb()) + " | " + gib(m.rssGrowthKb()) + " | "
                    + (m.subject().isShared() ? gibBytes(m.segmentApparentBytes()) + " / " + gibBytes(m.segmentAllocatedBytes()) : "none (heap)")
                    + " |");
        }
        line("");
    }

    private void growth() {
        line("## Growth");
        line("");
        line("UltraCache, short String values, 1 thread, all keys present; put overwrites a random key. Millions of operations per second.");
        line("");
        line("| keys | put | get | put, B/op | get, B/op |");
        line("|--:|--:|--:|--:|--:|");
        for (int keys : new int[] {1_000, 100_000, 1_000_000}) {
            Optional<Results.Growth> put = r.growth(keys, "put");
            Optional<Results.Growth> get = r.growth(keys, "get");
            line("| " + String.format("%,d", keys) + " | " + put.map(g -> ops(g.opsPerMicro()) + " ± " + ops(g.error())).orElse("–")
                    + " | " + get.map(g -> ops(g.opsPerMicro()) + " ± " + ops(g.error())).orElse("–")
                    + " | " + put.map(g -> bytes(g.allocBytesPerOp())).orElse("–")
                    + " | " + get.map(g -> bytes(g.allocBytesPerOp())).orElse("–") + " |");
        }
        line("");
        line(ULTRADICT + ", a fall to 8 % of its one-key rate.");
        line("");
    }

    private void failures() {
        if (r.failures.isEmpty()) {
            return;
        }
        line("## Measurements that failed");
        line("");
        for (Results.Failure f : r.failures) {
            line("- " + f.section() + ", " + f.what() + ": " + f.message().replace("|", "/"));
        }
        line("");
    }

    private void method() {
        line("## How each number is produced");
        line("");
        line("- **Throughput, allocation, growth**: JMH " + info.versions.getProperty("jmh") + ", one fork per subject and thread count,"
                + " " + info.mode.warmupIterations + " × " + info.mode.warmupMillis + " ms warm-up and "
                + info.mode.measurementIterations + " × " + info.mode.measurementMillis + " ms measurement, `-prof gc`,"
                + " fork heap -Xms2g -Xmx2g plus the subject's own flags (Chronicle Map's --add-opens/--add-exports)."
                + " Classes `CacheOperationsBenchmark` and `GrowthBenchmark`; each subject is a thin `CacheSubject` adapter"
                + " that calls the cache's own API. Keys `key-0000000`..., values `value-00000`... (11 chars) or 1 KiB arrays;"
                + " puts write one of 1,024 prepared values.");
        line("- **Subjects**: UltraCache = `SharedStore` with its defaults (segments in a fresh directory under /dev/shm);"
                + " Caffeine and Ehcache through `javax.cache` with a `MutableConfiguration` (store-by-value on, or off for"
                + " Caffeine's by-reference row); Chronicle Map persisted to a file in the same /dev/shm directory, sized for"
                + " the entry count with sample keys and values; Redis = a private redis-server on 127.0.0.1 (no persistence),"
                + " one Jedis connection per thread, one synchronous round trip per operation.");
        line("- **Visibility**: `VisibilityWriter` (JVM A) puts `System.nanoTime()` taken just before each put, every 100 µs,"
                + " busy-waiting in between; `VisibilityReader` (JVM B) polls the key in a tight loop and records now minus"
                + " the stamp the first time it sees each one. " + String.format("%,d", info.mode.visibilityWarmupPuts)
                + " warm-up puts, then " + String.format("%,d", info.mode.visibilityMeasuredPuts) + " measured.");
        line("- **Listener delay**: `VisibilityWriter` (JVM A) as above, through UltraCache's JCache provider;"
                + " `ListenerDelayReader` (JVM B) registers a synchronous listener for created and updated events and"
                + " records now minus the stamp of each event it hears.");
        line("- **Increments**: `IncrementWorker` JVMs attach, then start together at one System.nanoTime instant; "
                + info.mode.incrementWarmupMillis + " ms warm-up, " + info.mode.incrementMeasureMillis
                + " ms measured window; keys chosen at random among the 1,000. A separate JVM sums the counters afterwards.");
        line("- **Memory**: `MemoryHarness`: a loader JVM fills the shared store and exits; then 1, and separately 4,"
                + " `MemoryWorker` JVMs (-Xmx128m) attach and read every entry; Caffeine workers (-Xmx4g) each load their own"
                + " copy. Pss/Rss read by the harness from /proc/PID/smaps_rollup at the baseline and after reading.");
        line("- **Machine**: 2 cores shared with other engineers' builds, so figures carry that noise; the load averages"
                + " above say how busy it was. Two-thread runs and multi-JVM runs use both cores.");
        line("");
        line("Raw JMH results (JSON) are written to `benchmarks/target/bench-results/`; the full log to"
                + " `benchmarks/target/bench-results/run.log`.");
    }

    // ------------------------------------------------------------------ formatting

    private void line(String s) {
        out.append(s).append('\n');
    }

    /** Three significant digits. */
    static String ops(double opsPerMicro) {
        if (Double.isNaN(opsPerMicro)) {
            return "?";
        }
        double a = Math.abs(opsPerMicro);
        if (a >= 100) {
            return String.format(Locale.ROOT, "%.0f", opsPerMicro);
        } else if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", opsPerMicro);
        } else if (a >= 1) {
            return String.format(Locale.ROOT, "%.2f", opsPerMicro);
        } else if (a >= 0.1) {
            return String.format(Locale.ROOT, "%.3f", opsPerMicro);
        }
        return String.format(Locale.ROOT, "%.4f", opsPerMicro);
    }

    static String ratio(double ratio) {
        return String.format(Locale.ROOT, ratio >= 10 ? "%.0fx" : "%.2fx", ratio);
    }

    static String bytes(double b) {
        if (Double.isNaN(b)) {
            return "?";
        }
        return b < 0.5 ? "0" : String.format(Locale.ROOT, "%.0f", b);
    }

    static String nanos(long ns) {
        if (ns < 10_000) {
            return String.format(Locale.ROOT, "%,d ns", ns);
        }
        if (ns < 1_000_000) {
            return String.format(Locale.ROOT, "%.1f µs", ns / 1000.0);
        }
        return String.format(Locale.ROOT, "%.1f ms", ns / 1_000_000.0);
    }

    static String perSecond(double opsPerSecond) {
        return String.format(Locale.ROOT, "%,.0f/s", opsPerSecond);
    }

    static String gib(long kb) {
        return String.format(Locale.ROOT, "%.2f GiB", kb / GIB_KB);
    }

    static String gibBytes(long bytes) {
        return bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f GiB", bytes / 1024.0 / GIB_KB);
    }

    static String minutes(Duration d) {
        return d.toMinutes() + " min " + d.toSecondsPart() + " s";
    }

}
