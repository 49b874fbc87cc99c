package org.sasim.models.quant;

/**
 * Integer softmax of int8 logits of scale s (output scale 1/127): per row, with {@code m = max q},
 * {@code e_j = exp[m - q_j]} where {@code exp[d] = round(2^16 * e^(-d*s))} for d in [0, 255] (float64,
 * {@link StrictMath}); the sum {@code S} of the row's {@code e_j} is exact (int64), and
 * {@code out_j = floor((2 * 127 * e_j + S) / (2 * S))}, i.e. {@code 127 * e_j / S} rounded half up (always in
 * [0, 127]).
 */
public final class SoftmaxTable {
    /** Fixed-point bits of the exponential table. */
    public static final int FRACTION_BITS = 16;
    private final int[] exp;

    private SoftmaxTable(int[] exp) {
        this.exp = exp;
    }

    /** The exponential table for logits of scale {@code inScale}. */
    public static SoftmaxTable of(double inScale) {
        int[] t = new int[256];
        for (int d = 0; d < t.length; d++) {
            t[d] = (int) Math.round(StrictMath.exp(-d * inScale) * (1 << FRACTION_BITS));
        }
        return new SoftmaxTable(t);
    }

    /** {@code round(2^16 * e^(-d*s))} for a distance {@code d = max - q} in [0, 255]. */
    public int exp(int distance) {
        return exp[distance];
    }

    /** One output probability (scale 1/127) from its exponential and the row's sum of exponentials (> 0). */
    public byte output(long e, long sum) {
        return (byte) ((2 * 127 * e + sum) / (2 * sum));
    }
}
