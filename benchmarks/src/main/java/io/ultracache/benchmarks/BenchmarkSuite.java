package io.ultracache.benchmarks;

import io.ultracache.benchmarks.jmh.JmhRunner;
import io.ultracache.benchmarks.multiprocess.IncrementHarness;
import io.ultracache.benchmarks.multiprocess.ListenerDelayHarness;
import io.ultracache.benchmarks.multiprocess.MemoryHarness;
import io.ultracache.benchmarks.multiprocess.VisibilityHarness;
import io.ultracache.benchmarks.report.Results;
import io.ultracache.benchmarks.report.ResultsReport;
import io.ultracache.benchmarks.report.RunInfo;
import io.ultracache.benchmarks.subjects.Subject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs every benchmark once and writes the results report: the entry point of run.sh.
 * <pre>
 *   java -cp benchmarks.jar io.ultracache.benchmarks.BenchmarkSuite --mode quick|full --output RESULTS.md
 *        [--raw DIR] [--command "how it was started"] [--sections operations,growth,visibility,listeners,increments,memory]
 *        [--subjects ULTRACACHE,REDIS,...]
 * </pre>
 * Needs the system properties of {@link BenchEnvironment} (run.sh sets them). A measurement that
 * fails is listed in the report and the rest goes on.
 */
public final class BenchmarkSuite {
    static final List<String> SECTIONS = List.of("operations", "growth", "visibility", "listeners", "increments", "memory");
    static final List<Subject> CROSS_PROCESS = List.of(Subject.ULTRACACHE, Subject.CHRONICLE_MAP, Subject.REDIS);
    static final List<Subject> MEMORY = List.of(Subject.ULTRACACHE, Subject.CHRONICLE_MAP, Subject.CAFFEINE_JCACHE_BY_REFERENCE);

    private BenchmarkSuite() {
    }

    public static void main(String[] args) throws IOException {
        RunMode mode = RunMode.QUICK;
        Path output = Path.of("RESULTS.md");
        Path raw = Path.of("bench-results");
        String command = "java -cp benchmarks.jar " + BenchmarkSuite.class.getName() + " " + String.join(" ", args);
        Set<String> sections = new LinkedHashSet<>(SECTIONS);
        List<Subject> subjects = Arrays.asList(Subject.values());
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : "";
            switch (args[i]) {
                case "--mode" -> mode = RunMode.valueOf(value.toUpperCase(Locale.ROOT));
                case "--output" -> output = Path.of(value);
                case "--raw" -> raw = Path.of(value);
                case "--command" -> command = value;
                case "--sections" -> sections = new LinkedHashSet<>(List.of(value.split(",")));
                case "--subjects" -> subjects = Arrays.stream(value.split(",")).map(Subject::valueOf).collect(Collectors.toList());
                default -> throw new IllegalArgumentException("unknown option " + args[i] + "; see the class comment");
            }
            i++;
        }
        List<Subject> unavailable = subjects.stream().filter(s -> !s.isAvailable()).collect(Collectors.toList());
        subjects = subjects.stream().filter(Subject::isAvailable).collect(Collectors.toList());
        if (!SECTIONS.containsAll(sections)) {
            throw new IllegalArgumentException("sections are " + SECTIONS + ", not " + sections);
        }
        Files.createDirectories(raw);
        RunInfo info = new RunInfo(mode, command);
        Results results = new Results();
        System.out.println("UltraCache benchmarks, " + mode + " run, load " + info.loadAtStart + ", segments under "
                + BenchEnvironment.runDirectory());

        JmhRunner jmh = new JmhRunner(mode, raw);
        if (sections.contains("operations")) {
            subjects.forEach(subject -> jmh.runOperations(subject, results));
        }
        if (sections.contains("growth") && subjects.contains(Subject.ULTRACACHE)) {
            jmh.runGrowth(Subject.ULTRACACHE, results);
        }
        if (sections.contains("visibility")) {
            VisibilityHarness.run(mode, only(CROSS_PROCESS, subjects), results);
        }
        if (sections.contains("listeners") && subjects.contains(Subject.ULTRACACHE_JCACHE)) {
            ListenerDelayHarness.run(mode, results);
        }
        if (sections.contains("increments")) {
            IncrementHarness.run(mode, only(CROSS_PROCESS, subjects), results);
        }
        if (sections.contains("memory")) {
            MemoryHarness.run(mode, only(MEMORY, subjects), results);
        }

        info.finish();
        Files.writeString(output, new ResultsReport(results, info, subjects, unavailable).render());
        System.out.println("wrote " + output.toAbsolutePath() + (results.failures.isEmpty() ? ""
                : " (" + results.failures.size() + " measurement(s) failed; listed there)"));
    }

    private static List<Subject> only(List<Subject> wanted, List<Subject> chosen) {
        return wanted.stream().filter(chosen::contains).collect(Collectors.toList());
    }
}
