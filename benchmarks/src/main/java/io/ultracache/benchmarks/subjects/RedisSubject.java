package io.ultracache.benchmarks.subjects;

import io.ultracache.benchmarks.BenchEnvironment;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Redis over loopback through Jedis, one connection per thread (a Jedis connection is not
 * thread-safe), each call a synchronous round trip. The redis-server is this run's own, so
 * {@link #destroy()} empties its database.
 */
final class RedisSubject implements CacheSubject {
    private static final String HOST = "127.0.0.1";

    private final int port;
    private final ValueKind values;
    private final List<Jedis> connections = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Jedis> connection = ThreadLocal.withInitial(this::connect);

    RedisSubject(SubjectConfig config) {
        if (config.redisPort() <= 0) {
            throw new IllegalStateException("no redis-server port given (system property " + BenchEnvironment.REDIS_PORT_PROPERTY + ")");
        }
        this.port = config.redisPort();
        this.values = config.values();
        connection.get().ping();
    }

    private Jedis connect() {
        Jedis jedis = new Jedis(HOST, port);
        connections.add(jedis);
        return jedis;
    }

    @Override
    public Object get(String key) {
        Jedis jedis = connection.get();
        switch (values) {
            case BYTES_1K:
                return jedis.get(key.getBytes(StandardCharsets.UTF_8));
            case LONG: {
                String text = jedis.get(key);
                return text == null ? null : Long.parseLong(text);
            }
            default:
                return jedis.get(key);
        }
    }

    @Override
    public void put(String key, Object value) {
        Jedis jedis = connection.get();
        if (value instanceof byte[]) {
            jedis.set(key.getBytes(StandardCharsets.UTF_8), (byte[]) value);
        } else {
            jedis.set(key, value.toString());
        }
    }

    /** Pipelined in batches: setup only, never measured. */
    @Override
    public void load(String[] keys, IntFunction<Object> valueOf) {
        Jedis jedis = connection.get();
        final int batch = 1_000;
        for (int from = 0; from < keys.length; from += batch) {
            Pipeline pipeline = jedis.pipelined();
            for (int i = from; i < Math.min(keys.length, from + batch); i++) {
                Object v = valueOf.apply(i);
                if (v instanceof byte[]) {
                    pipeline.set(keys[i].getBytes(StandardCharsets.UTF_8), (byte[]) v);
                } else {
                    pipeline.set(keys[i], v.toString());
                }
            }
            pipeline.sync();
        }
    }

    @Override
    public void increment(String key) {
        connection.get().incr(key);
    }

    @Override
    public void close() {
        for (Jedis jedis : connections) {
            jedis.close();
        }
        connections.clear();
    }

    @Override
    public void destroy() {
        try (Jedis jedis = new Jedis(HOST, port)) {
            jedis.flushDB();
        }
        close();
    }
}
