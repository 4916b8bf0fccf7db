package io.logship.intake;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The bounded thread pool that runs request work off the event loop: decompression, JSON validation, database
 * reads and writes.
 *
 * <p><b>Limit:</b> {@link #DEFAULT_MAX_QUEUED_REQUESTS} waiting requests; one more is rejected with
 * {@link java.util.concurrent.RejectedExecutionException} and the caller answers 503.
 */
final class IntakeWorkers {
    /** Worker threads: one per core, at least two, so a slow query cannot stall ingestion on a small machine. */
    static final int DEFAULT_THREADS = Math.max(2, Runtime.getRuntime().availableProcessors());

    /**
     * Requests waiting for a worker. Each connection has at most one request in flight, so this bounds memory to
     * about this many bodies of at most 5 MB compressed each only when that many clients send at once.
     */
    static final int DEFAULT_MAX_QUEUED_REQUESTS = 256;

    private IntakeWorkers() {}

    static ExecutorService create() {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "logship-intake-worker-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return new ThreadPoolExecutor(
                DEFAULT_THREADS,
                DEFAULT_THREADS,
                0,
                TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(DEFAULT_MAX_QUEUED_REQUESTS),
                factory,
                new ThreadPoolExecutor.AbortPolicy());
    }
}
