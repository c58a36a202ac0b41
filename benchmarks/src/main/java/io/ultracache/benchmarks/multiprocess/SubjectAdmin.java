package io.ultracache.benchmarks.multiprocess;

import io.ultracache.benchmarks.BenchEnvironment;
import io.ultracache.benchmarks.subjects.CacheSubject;
import io.ultracache.benchmarks.subjects.Keys;
import io.ultracache.benchmarks.subjects.Subject;
import io.ultracache.benchmarks.subjects.SubjectConfig;
import io.ultracache.benchmarks.subjects.ValueKind;
import java.nio.file.Path;

/**
 * A short-lived worker that prepares or inspects a shared subject between measurements, so the
 * measured workers only ever attach:
 * <pre>
 *   create  SUBJECT DIR NAME VALUES ENTRIES   create it empty (Redis: empty the database)
 *   sum     SUBJECT DIR NAME KEYS             print "SUM n": the Longs at the first KEYS keys added up
 *   destroy SUBJECT DIR NAME VALUES           remove its shared data
 * </pre>
 */
public final class SubjectAdmin {
    private SubjectAdmin() {
    }

    static SubjectConfig config(Subject subject, String dir, String name, ValueKind values, int entries) {
        return new SubjectConfig(values, entries, Path.of(dir), name, BenchEnvironment.redisPort());
    }

    public static void main(String[] args) {
        String command = args[0];
        Subject subject = Subject.valueOf(args[1]);
        switch (command) {
            case "create": {
                CacheSubject cache = subject.open(config(subject, args[2], args[3], ValueKind.valueOf(args[4]), Integer.parseInt(args[5])));
                if (subject == Subject.REDIS) {
                    cache.destroy(); // empties the run's own Redis database
                } else {
                    cache.close();
                }
                WorkerIo.report("CREATED");
                break;
            }
            case "sum": {
                int keys = Integer.parseInt(args[4]);
                try (CacheSubject cache = subject.open(config(subject, args[2], args[3], ValueKind.LONG, keys))) {
                    long sum = 0;
                    for (int i = 0; i < keys; i++) {
                        Object v = cache.get(Keys.key(i));
                        sum += v == null ? 0 : (Long) v;
                    }
                    WorkerIo.report("SUM " + sum);
                }
                break;
            }
            case "destroy":
                subject.open(config(subject, args[2], args[3], ValueKind.valueOf(args[4]), 1)).destroy();
                WorkerIo.report("DESTROYED");
                break;
            default:
                throw new IllegalArgumentException("unknown command " + command);
        }
    }
}
