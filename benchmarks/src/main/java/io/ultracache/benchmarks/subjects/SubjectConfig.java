package io.ultracache.benchmarks.subjects;

import java.nio.file.Path;

/**
 * How to open a subject.
 *
 * @param values     the kind of value it holds
 * @param entries    how many entries it must be sized for (subjects with fixed-size storage)
 * @param directory  a directory of this run's own under /dev/shm, for shared-memory subjects
 * @param name       the name of the shared cache, map file or Redis key prefix, so that
 *                   processes of one measurement meet and different measurements do not
 * @param redisPort  port of the run's redis-server on 127.0.0.1
 */
public record SubjectConfig(ValueKind values, int entries, Path directory, String name, int redisPort) {
}
