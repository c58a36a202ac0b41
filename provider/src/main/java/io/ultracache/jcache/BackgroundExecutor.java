package io.ultracache.jcache;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The daemon threads that run what JCache lets run in the background: {@code loadAll} and the
 * delivery of events to asynchronous listeners. Threads are made on demand and end after 30 idle
 * seconds, so an idle process keeps none.
 */
final class BackgroundExecutor {
    private static final AtomicInteger THREADS = new AtomicInteger();

    static final ExecutorService INSTANCE = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "ultracache-background-" + THREADS.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private BackgroundExecutor() {
    }
}
