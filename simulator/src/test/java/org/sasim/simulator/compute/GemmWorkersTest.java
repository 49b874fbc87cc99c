package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** How {@link GemmWorkers} hands tasks to threads: every task once, failures rethrown, no waiting on a busy worker. */
class GemmWorkersTest {

    @Test
    void everyTaskRunsExactlyOnceInContiguousRangesForAnyTaskAndThreadCount() {
        for (int threads = 1; threads <= 3; threads++) {
            try (GemmWorkers workers = new GemmWorkers(threads)) {
                for (int tasks = 0; tasks <= 40; tasks++) {
                    AtomicIntegerArray runs = new AtomicIntegerArray(Math.max(tasks, 1));
                    workers.forEachRange(tasks, (from, to) -> {
                        assertTrue(from < to, "empty range " + from + ".." + to);
                        for (int t = from; t < to; t++) {
                            runs.incrementAndGet(t);
                        }
                    });
                    for (int t = 0; t < tasks; t++) {
                        assertEquals(1, runs.get(t), "task " + t + " of " + tasks + " on " + threads + " threads");
                    }
                }
            }
        }
    }

    @Test
    void aFailingRangeIsRethrownToTheCallerAfterTheOthersFinish() {
        try (GemmWorkers workers = new GemmWorkers(2)) {
            IllegalStateException boom = new IllegalStateException("task 5");
            IllegalStateException thrown = assertThrows(IllegalStateException.class,
                    () -> workers.forEachRange(16, (from, to) -> {
                        if (from <= 5 && 5 < to) {
                            throw boom;
                        }
                    }));
            assertSame(boom, thrown);
            // the workers are still usable afterwards
            AtomicIntegerArray runs = new AtomicIntegerArray(16);
            workers.forEachRange(16, (from, to) -> {
                for (int t = from; t < to; t++) {
                    runs.incrementAndGet(t);
                }
            });
            for (int t = 0; t < 16; t++) {
                assertEquals(1, runs.get(t));
            }
        }
    }

    @Test
    void theCallerRunsEveryRangeItselfWhileTheOnlyWorkerIsBusy() throws InterruptedException {
        try (GemmWorkers workers = new GemmWorkers(2)) {
            CountDownLatch workerBusy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            // another caller's call occupies the pool's one worker until released
            Thread other = new Thread(() -> {
                Thread self = Thread.currentThread();
                workers.forEachRange(8, (from, to) -> {
                    try {
                        if (Thread.currentThread() == self) {
                            workerBusy.await();
                        } else {
                            workerBusy.countDown();
                            release.await();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            });
            other.start();
            workerBusy.await();
            Set<Thread> ranBy = ConcurrentHashMap.newKeySet();
            AtomicIntegerArray runs = new AtomicIntegerArray(100);
            Thread[] caller = new Thread[1];
            try {
                // with a static split this call would wait for the busy worker: here it finishes on its own
                assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                    caller[0] = Thread.currentThread();
                    workers.forEachRange(100, (from, to) -> {
                        ranBy.add(Thread.currentThread());
                        for (int t = from; t < to; t++) {
                            runs.incrementAndGet(t);
                        }
                    });
                });
            } finally {
                release.countDown();
                other.join();
            }
            assertEquals(Set.of(caller[0]), ranBy);
            for (int t = 0; t < 100; t++) {
                assertEquals(1, runs.get(t));
            }
        }
    }
}
