package org.sasim.models.quant;

/** The integer rounding and saturation steps of the int8 scheme (see docs/quantization.md). */
public final class IntegerRounding {
    /** Smallest int8 activation. */
    public static final int INT8_MIN = -128;
    /** Largest int8 activation and weight. */
    public static final int INT8_MAX = 127;

    private IntegerRounding() {
    }

    /** Clamps to the int8 range [-128, 127]. */
    public static byte saturateInt8(long v) {
        return (byte) Math.max(INT8_MIN, Math.min(INT8_MAX, v));
    }

    /**
     * {@code sum / count} rounded to nearest, ties away from zero (TFLite's int8 average pool):
     * {@code (sum + count/2) / count} for sum >= 0, {@code (sum - count/2) / count} otherwise, division truncating.
     */
    public static long divideHalfAwayFromZero(long sum, long count) {
        if (count <= 0) {
            throw new IllegalArgumentException("divisor must be positive, got " + count);
        }
        return sum >= 0 ? (sum + count / 2) / count : (sum - count / 2) / count;
    }

    /** A float quantized to int8 with {@code scale}: round half to even of x / scale, clamped to [lo, 127]. */
    public static byte quantize(float x, double scale, int lo) {
        double q = Math.rint(x / scale);
        if (Double.isNaN(q)) {
            throw new IllegalArgumentException("cannot quantize NaN");
        }
        return (byte) Math.max(lo, Math.min(INT8_MAX, q));
    }
}
