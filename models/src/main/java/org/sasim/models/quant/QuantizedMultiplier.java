package org.sasim.models.quant;

/**
 * A positive real multiplier M held as a Q31 fixed-point mantissa and a power-of-two exponent,
 * {@code M ~= multiplier * 2^(shift - 31)} with {@code multiplier} in [2^30, 2^31), exactly as gemmlowp / TFLite
 * ({@code QuantizeMultiplier}, {@code MultiplyByQuantizedMultiplier}). Applying it to an int32 uses only integer
 * arithmetic, so every engine that applies it gets the same bits.
 *
 * @param multiplier Q31 mantissa in [2^30, 2^31), or 0 for M = 0 (or M below 2^-31)
 * @param shift      power of two: positive shifts left before the multiply, negative rounds right after it
 */
public record QuantizedMultiplier(int multiplier, int shift) {
    public QuantizedMultiplier {
        if (multiplier < 0 || (multiplier != 0 && multiplier < (1 << 30))) {
            throw new IllegalArgumentException("Q31 multiplier must be 0 or in [2^30, 2^31), got " + multiplier);
        }
        if (shift > 30 || shift < -62) {
            throw new IllegalArgumentException("shift must be in [-62, 30], got " + shift);
        }
    }

    /**
     * The fixed-point form of {@code real} (finite, >= 0): {@code real = q * 2^e} with q in [0.5, 1), mantissa
     * {@code round(q * 2^31)} (half away from zero; a mantissa that rounds up to 2^31 is halved and e incremented).
     */
    public static QuantizedMultiplier of(double real) {
        if (!(real >= 0) || Double.isInfinite(real)) {
            throw new IllegalArgumentException("multiplier must be finite and >= 0, got " + real);
        }
        if (real == 0) {
            return new QuantizedMultiplier(0, 0);
        }
        int e = Math.getExponent(real) + 1; // real = q * 2^e, q in [0.5, 1) (normal doubles)
        double q = Math.scalb(real, -e);
        long m = Math.round(q * (1L << 31));
        if (m == (1L << 31)) {
            m /= 2;
            e++;
        }
        if (e < -62) {
            return new QuantizedMultiplier(0, 0);
        }
        if (e > 30) {
            throw new IllegalArgumentException("multiplier " + real + " is too large (>= 2^30)");
        }
        return new QuantizedMultiplier((int) m, e);
    }

    /** The real value this fixed-point form stands for. */
    public double real() {
        return Math.scalb((double) multiplier, shift - 31);
    }

    /**
     * {@code x * M} rounded, as TFLite's {@code MultiplyByQuantizedMultiplier}: for shift <= 0,
     * {@link #roundingDivideByPowerOfTwo}({@link #roundingDoublingHighMul}(x, multiplier), -shift) (two roundings,
     * exactly gemmlowp's); for shift > 0, {@code roundingDoublingHighMul(x * 2^shift, multiplier)} computed exactly
     * in 64 bits (ties up) and saturated to int32 where TFLite's int32 shift would overflow.
     */
    public int apply(int x) {
        if (shift > 0) {
            int d = 31 - shift; // (x * 2^shift * m * 2) / 2^32 = x * m / 2^d, rounded half up like the high-mul
            long v = Math.floorDiv((long) x * multiplier + (1L << (d - 1)), 1L << d);
            return (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
        }
        int high = roundingDoublingHighMul(x, multiplier);
        // gemmlowp's RoundingDivideByPOT takes exponents up to 31; beyond that every int32 rounds to 0 or -1..1.
        int right = -shift;
        return right > 31 ? roundingDivideByPowerOfTwo(roundingDivideByPowerOfTwo(high, 31), right - 31)
                : roundingDivideByPowerOfTwo(high, right);
    }

    /**
     * gemmlowp {@code SaturatingRoundingDoublingHighMul}: the high 32 bits of 2*a*b, i.e. a*b / 2^31, rounded to
     * nearest with ties toward +infinity; the one overflowing case (a = b = -2^31) saturates to 2^31 - 1.
     */
    public static int roundingDoublingHighMul(int a, int b) {
        if (a == Integer.MIN_VALUE && b == Integer.MIN_VALUE) {
            return Integer.MAX_VALUE;
        }
        long ab = (long) a * b;
        long nudge = ab >= 0 ? (1L << 30) : 1 - (1L << 30);
        return (int) ((ab + nudge) / (1L << 31)); // Java's long division truncates toward zero, like C++
    }

    /** gemmlowp {@code RoundingDivideByPOT}: x / 2^exponent rounded to nearest, ties away from zero. */
    public static int roundingDivideByPowerOfTwo(int x, int exponent) {
        if (exponent < 0 || exponent > 31) {
            throw new IllegalArgumentException("exponent must be in [0, 31], got " + exponent);
        }
        long mask = (1L << exponent) - 1;
        long remainder = x & mask;
        long threshold = (mask >> 1) + (x < 0 ? 1 : 0);
        return (int) (((long) x >> exponent) + (remainder > threshold ? 1 : 0));
    }
}
