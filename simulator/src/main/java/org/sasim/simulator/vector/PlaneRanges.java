package org.sasim.simulator.vector;

import org.sasim.simulator.compute.GemmWorkers;

/**
 * Splits a vector-unit kernel's independent units of work (output elements or whole channel planes) over the run's
 * worker threads in static contiguous ranges ({@link GemmWorkers#forEachRange}): every output is computed by exactly
 * one thread, in the same order as on one thread, so the bits never depend on the thread count. Small tensors stay on
 * the calling thread, where handing work to another thread would cost more than the work.
 */
final class PlaneRanges {
    /**
     * Below this many output elements a kernel that does several operations per element (pooling windows,
     * exponentials, fixed-point rescaling) runs on the calling thread (a hand-off costs ~10 us on an idle core).
     */
    static final long MIN_PARALLEL_ELEMENTS = 1 << 15;

    /**
     * Below this many elements a single pass of loads and stores (ReLU, batch norm, residual add) runs on the
     * calling thread. In place such a pass runs at cache bandwidth, ~0.1 ns per element: 0.1 ms for the largest
     * ResNet-50 activation at batch 1, which a second thread would at best halve while its hand-off costs ~10 us on
     * an idle core and far more when the other core is busy (measured: on two threads these layers got slower).
     */
    static final long MIN_PARALLEL_STREAMING_ELEMENTS = 1 << 21;

    private PlaneRanges() {
    }

    /**
     * Runs {@code body} over units {@code [0, units)}, split over {@code workers} when the kernel touches at least
     * {@link #MIN_PARALLEL_ELEMENTS} elements.
     */
    static void forEach(GemmWorkers workers, int units, long elements, GemmWorkers.TaskRange body) {
        forEach(workers, units, elements, MIN_PARALLEL_ELEMENTS, body);
    }

    /**
     * Runs a single load-and-store pass over units {@code [0, units)}, split over {@code workers} when it touches
     * at least {@link #MIN_PARALLEL_STREAMING_ELEMENTS} elements.
     */
    static void forEachStreaming(GemmWorkers workers, int units, long elements, GemmWorkers.TaskRange body) {
        forEach(workers, units, elements, MIN_PARALLEL_STREAMING_ELEMENTS, body);
    }

    private static void forEach(GemmWorkers workers, int units, long elements, long threshold,
                                GemmWorkers.TaskRange body) {
        if (workers.threads() == 1 || elements < threshold) {
            if (units > 0) {
                body.run(0, units);
            }
            return;
        }
        workers.forEachRange(units, body);
    }
}
