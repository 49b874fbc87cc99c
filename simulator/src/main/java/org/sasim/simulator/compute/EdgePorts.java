package org.sasim.simulator.compute;

import java.util.Arrays;

/**
 * The input ports along one edge of the array (one per row on the left edge, one per column on the top edge): the
 * word and {@link FoldTag} each port drives into its first PE this cycle. A fold streams skewed: port p carries its
 * step {@code t - s - p} at cycle t (s = the fold's stream start). Two folds on one port in one cycle is a
 * structural hazard.
 */
final class EdgePorts {
    final int[] word;
    final long[] tag;
    private final String side;

    EdgePorts(int ports, String side) {
        this.word = new int[ports];
        this.tag = new long[ports];
        this.side = side;
    }

    /** Starts a cycle with every port idle. */
    void clear() {
        Arrays.fill(tag, FoldTag.EMPTY);
    }

    /**
     * Drives this cycle's words of fold {@code fold} (stream start {@code streamStart}, {@code steps} steps) on ports
     * {@code 0..ports-1}; ports from {@code realPorts} on carry padding. The word of port p at step k is
     * {@code source[base + p*portStride + k*stepStride]}, or 0 if {@code source} is null (partial sums enter as +0).
     */
    void driveSkewed(long cycle, long streamStart, int steps, int ports, int realPorts, int fold, int[] source,
                     long base, long portStride, long stepStride) {
        long offset = cycle - streamStart;
        int first = (int) Math.max(0, offset - steps + 1);
        int last = (int) Math.min(ports - 1, offset);
        for (int p = first; p <= last; p++) {
            int step = (int) (offset - p);
            if (tag[p] != FoldTag.EMPTY) {
                throw new StructuralHazardException("two folds on " + side + " edge port " + p, cycle);
            }
            boolean real = p < realPorts;
            tag[p] = FoldTag.operand(fold, step, step == steps - 1, real);
            word[p] = real && source != null ? source[(int) (base + p * portStride + step * stepStride)] : 0;
        }
    }

    /** Whether fold streams starting at {@code streamStart} are still driving any port at {@code cycle}. */
    static boolean stillDriving(long cycle, long streamStart, int steps, int ports) {
        return cycle < streamStart + steps + ports - 1L;
    }
}
