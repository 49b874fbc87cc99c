package org.sasim.simulator.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The fast engine's worker threads, created once per simulation and shared by all its layers (creating a pool per
 * layer cost more than the small layers' arithmetic). Work is split statically: tasks {@code [0, n)} are cut into
 * {@link #threads()} contiguous ranges, the calling thread taking the first. Each output is computed by exactly one
 * task, in an order fixed by the task, so results are the same whatever the thread count. Close it to stop the
 * threads (they are daemons, so a forgotten close does not keep the JVM alive).
 */
public final class GemmWorkers implements AutoCloseable {
    private final int threads;
    private final ExecutorService pool;

    /** Workers for {@code threads} threads in all, the caller's included (1 = everything on the caller). */
    public GemmWorkers(int threads) {
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive, got " + threads);
        }
        this.threads = threads;
        if (threads == 1) {
            this.pool = null;
        } else {
            AtomicInteger id = new AtomicInteger();
            this.pool = Executors.newFixedThreadPool(threads - 1, r -> {
                Thread t = new Thread(r, "sasim-gemm-" + id.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
        }
    }

    /** Threads in all, the caller's included. */
    public int threads() {
        return threads;
    }

    /** A contiguous range of task indices {@code [from, to)} run by one thread. */
    @FunctionalInterface
    public interface TaskRange {
        void run(int from, int to);
    }

    /**
     * Runs tasks {@code [0, tasks)} as at most {@link #threads()} contiguous ranges and waits for all of them. The
     * ranges depend only on {@code tasks} and the thread count, never on timing; a body that writes each output from
     * exactly one task gives the same bits whatever the thread count.
     */
    public void forEachRange(int tasks, TaskRange body) {
        int parts = Math.min(threads, tasks);
        if (parts <= 1) {
            if (tasks > 0) {
                body.run(0, tasks);
            }
            return;
        }
        List<Future<?>> futures = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int from = (int) ((long) tasks * i / parts);
            int to = (int) ((long) tasks * (i + 1) / parts);
            futures.add(pool.submit(() -> body.run(from, to)));
        }
        RuntimeException failure = null;
        try {
            body.run(0, (int) ((long) tasks / parts));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for GEMM workers", e);
            } catch (ExecutionException e) {
                if (failure == null) {
                    failure = e.getCause() instanceof RuntimeException re ? re
                            : new IllegalStateException("GEMM worker failed", e.getCause());
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the worker threads. */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }
}
