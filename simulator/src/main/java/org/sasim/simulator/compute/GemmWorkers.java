package org.sasim.simulator.compute;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The fast engine's worker threads, created once per simulation and shared by all its layers (creating a pool per
 * layer cost more than the small layers' arithmetic). Tasks {@code [0, n)} are cut into a few contiguous chunks per
 * thread, fixed by n and the thread count; the calling thread and the workers claim chunks until none are left, so
 * a worker that is slow to start (another process on its core) only means the others take more chunks, never that
 * the caller waits for it to be scheduled. Each output is computed by exactly one task, in an order fixed by the
 * task, so results are the same whatever the thread count and whichever thread ran a chunk. Close it to stop the
 * threads (they are daemons, so a forgotten close does not keep the JVM alive).
 */
public final class GemmWorkers implements AutoCloseable {
    /** Chunks per thread: enough to even out a slow thread, few enough that per-chunk set-up stays small. */
    private static final int CHUNKS_PER_THREAD = 4;

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
     * Runs tasks {@code [0, tasks)} as contiguous chunks, each handed to {@code body} once by one thread, and waits
     * for all of them. The chunks depend only on {@code tasks} and the thread count, never on timing; a body that
     * writes each output from exactly one task, the same way whatever the chunk, gives the same bits whatever the
     * thread count. The first exception a chunk throws is rethrown here once every started chunk has finished.
     */
    public void forEachRange(int tasks, TaskRange body) {
        int parts = Math.min(threads, tasks);
        if (parts <= 1) {
            if (tasks > 0) {
                body.run(0, tasks);
            }
            return;
        }
        Chunks chunks = new Chunks(tasks, Math.min(tasks, parts * CHUNKS_PER_THREAD), body);
        for (int i = 1; i < parts; i++) {
            pool.execute(chunks::claimAll);
        }
        chunks.claimAll();
        chunks.awaitAll();
    }

    /** One call's chunks: claimed in index order by whichever thread asks next. */
    private static final class Chunks {
        private final int tasks;
        private final int count;
        private final TaskRange body;
        private final AtomicInteger next = new AtomicInteger();
        private final AtomicInteger finished = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final Thread caller = Thread.currentThread();

        Chunks(int tasks, int count, TaskRange body) {
            this.tasks = tasks;
            this.count = count;
            this.body = body;
        }

        /** Runs chunks until none are left to claim (a worker that starts late finds none and returns). */
        void claimAll() {
            for (int c = next.getAndIncrement(); c < count; c = next.getAndIncrement()) {
                try {
                    if (failure.get() == null) {
                        body.run((int) ((long) tasks * c / count), (int) ((long) tasks * (c + 1) / count));
                    }
                } catch (RuntimeException | Error e) {
                    failure.compareAndSet(null, e);
                } finally {
                    if (finished.incrementAndGet() == count && Thread.currentThread() != caller) {
                        LockSupport.unpark(caller);
                    }
                }
            }
        }

        /** On the caller: waits for chunks still running on workers, then rethrows the first failure. */
        void awaitAll() {
            boolean interrupted = false;
            while (finished.get() < count) {
                LockSupport.park(this);
                interrupted |= Thread.interrupted();
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
            Throwable f = failure.get();
            if (f instanceof RuntimeException re) {
                throw re;
            }
            if (f instanceof Error e) {
                throw e;
            }
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
