package org.sasim.simulator.compute;

/**
 * What running a layer cycle by cycle produced.
 *
 * @param cycles       the layer's compute cycles under the convention (cycles)
 * @param foldEnds     per fold in execution order, one past its last cycle of activity or output write (cycles)
 * @param output       output words {@code [g][m][n]} (see {@link Arithmetic}), before bias
 * @param streamStarts per fold in execution order, the cycle its first streamed word entered the array edge
 *                     (cycles)
 */
public record CycleRun(long cycles, long[] foldEnds, int[] output, long[] streamStarts) {

    /** A finished run: the layer takes until its latest fold end, as {@code convention} counts it. */
    static CycleRun measured(TimingConvention convention, long[] foldEnds, int[] output, long[] streamStarts) {
        long last = 0;
        for (long e : foldEnds) {
            last = Math.max(last, e);
        }
        return new CycleRun(convention.layerCycles(last), foldEnds, output, streamStarts);
    }
}
