package org.sasim.simulator.vector;

import org.sasim.simulator.compute.GemmWorkers;

/**
 * Splits a vector-unit kernel's independent units of work (output elements or whole channel planes) over the run's
 * worker threads in static contiguous ranges ({@link GemmWorkers#forEachRange}): every output is computed by exactly
 * one thread, in the same order as on one thread, so the bits never depend on the thread count. Small tensors stay on
 * the calling thread, where handing work to another thread would cost more than the work.
 */
final class PlaneRanges {
    /** Below this many output elements a kernel runs on the calling thread (a hand-off costs a few microseconds). */
    static final long MIN_PARALLEL_ELEMENTS = 1 << 15;

    private PlaneRanges() {
    }

    /**
     * Runs {@code body} over units {@code [0, units)}, split over {@code workers} when the kernel touches at least
     * {@link #MIN_PARALLEL_ELEMENTS} elements.
     */
    static void forEach(GemmWorkers workers, int units, long elements, GemmWorkers.TaskRange body) {
        if (workers.threads() == 1 || elements < MIN_PARALLEL_ELEMENTS) {
            if (units > 0) {
                body.run(0, units);
            }
            return;
        }
        workers.forEachRange(units, body);
    }
}
