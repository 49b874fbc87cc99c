package org.sasim.simulator.vector;

/**
 * Pooling windows along one axis (rows or columns), PyTorch's rules: for each output position the in-bounds input
 * span {@code [lo, hi)} it reads and the span its average divides by. One definition for the fp32 and int8 kernels
 * and the tap count that costs the scratchpad reads.
 */
final class PoolAxis {
    private final int[] lo;
    private final int[] hi;
    private final int[] divisorSpan;

    private PoolAxis(int[] lo, int[] hi, int[] divisorSpan) {
        this.lo = lo;
        this.hi = hi;
        this.divisorSpan = divisorSpan;
    }

    /**
     * A sliding window of {@code kernel} taps every {@code stride}, the input padded by {@code padding} on both sides.
     * The divisor counts padded taps when {@code countPad} (never a ceil-mode overhang past the padded input), else
     * only in-bounds taps.
     */
    static PoolAxis sliding(int in, int out, int kernel, int stride, int padding, boolean countPad) {
        int[] lo = new int[out];
        int[] hi = new int[out];
        int[] span = new int[out];
        for (int o = 0; o < out; o++) {
            int start = o * stride - padding;
            int end = Math.min(start + kernel, in + padding);
            lo[o] = Math.max(start, 0);
            hi[o] = Math.min(end, in);
            span[o] = countPad ? end - start : hi[o] - lo[o];
        }
        return new PoolAxis(lo, hi, span);
    }

    /** Adaptive pooling: output o reads {@code [floor(o*in/out), ceil((o+1)*in/out))}. */
    static PoolAxis adaptive(int in, int out) {
        int[] lo = new int[out];
        int[] hi = new int[out];
        for (int o = 0; o < out; o++) {
            lo[o] = Math.floorDiv(o * in, out);
            hi[o] = -Math.floorDiv(-(o + 1) * in, out);
        }
        int[] span = new int[out];
        for (int o = 0; o < out; o++) {
            span[o] = hi[o] - lo[o];
        }
        return new PoolAxis(lo, hi, span);
    }

    /** First input index output {@code o} reads. */
    int lo(int o) {
        return lo[o];
    }

    /** One past the last input index output {@code o} reads. */
    int hi(int o) {
        return hi[o];
    }

    /** Taps along this axis that output {@code o}'s average divides by. */
    int divisorSpan(int o) {
        return divisorSpan[o];
    }

    /** In-bounds taps summed over all outputs. */
    long insideTaps() {
        long sum = 0;
        for (int o = 0; o < lo.length; o++) {
            sum += hi[o] - lo[o];
        }
        return sum;
    }
}
