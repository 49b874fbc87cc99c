package org.sasim.models.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The gemmlowp / TFLite fixed-point multiplier. */
class QuantizedMultiplierTest {

    @Test
    void mantissaIsQ31InHalfToOneAndTheShiftIsThePowerOfTwo() {
        // 0.5 = 0.5 * 2^0, 1.0 = 0.5 * 2^1, 0.75 = 0.75 * 2^0, 0.1 = 0.8 * 2^-3 (TFLite QuantizeMultiplier)
        assertEquals(new QuantizedMultiplier(1 << 30, 0), QuantizedMultiplier.of(0.5));
        assertEquals(new QuantizedMultiplier(1 << 30, 1), QuantizedMultiplier.of(1.0));
        assertEquals(new QuantizedMultiplier(3 << 29, 0), QuantizedMultiplier.of(0.75));
        assertEquals(new QuantizedMultiplier((int) Math.round(0.8 * (1L << 31)), -3), QuantizedMultiplier.of(0.1));
        assertEquals(new QuantizedMultiplier(0, 0), QuantizedMultiplier.of(0));
    }

    @Test
    void roundingIsGemmlowpsTwoStepRounding() {
        // 0.25 = 2^30 * 2^(-1 - 31): x * 2^30 * 2 / 2^32 = x / 2 rounded half up, then / 2 rounded half away from 0
        QuantizedMultiplier quarter = QuantizedMultiplier.of(0.25);
        assertEquals(2, quarter.apply(6)); // 3 / 2 = 1.5 -> 2
        assertEquals(-2, quarter.apply(-6)); // -3 / 2 = -1.5 -> -2
        assertEquals(2, quarter.apply(5)); // 5 / 2 = 2.5 -> 3, then 1.5 -> 2 (double rounding, as gemmlowp)
        assertEquals(-1, quarter.apply(-5)); // -2.5 -> -2, then -1
        assertEquals(1, quarter.apply(2)); // 0.5
        assertEquals(-1, quarter.apply(-2));
        assertEquals(1, quarter.apply(1)); // 0.5 -> 1, then 0.5 -> 1: 0.25 rounds to 1 (double rounding)
        assertEquals(0, quarter.apply(-1)); // -0.5 -> 0
    }

    @Test
    void aMultiplierAboveOneShiftsLeftAndSaturates() {
        QuantizedMultiplier three = QuantizedMultiplier.of(3.0);
        assertEquals(21, three.apply(7));
        assertEquals(-21, three.apply(-7));
        assertEquals(Integer.MAX_VALUE, three.apply(Integer.MAX_VALUE / 2));
        assertEquals(Integer.MIN_VALUE, three.apply(Integer.MIN_VALUE / 2));
        assertEquals(3 * 1_000_000_00, three.apply(1_000_000_00));
    }

    @Test
    void theResultIsWithinOneOfTheExactProductAndTheMantissaWithin2ToTheMinus31() {
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < 100_000; i++) {
            double m = Math.exp(r.nextDouble(Math.log(1e-7), Math.log(4)));
            QuantizedMultiplier q = QuantizedMultiplier.of(m);
            assertTrue(Math.abs(q.real() - m) <= m * 0x1p-31, () -> "mantissa of " + m);
            int x = r.nextInt(-(1 << 24), 1 << 24);
            double exact = x * q.real();
            int got = q.apply(x);
            assertTrue(Math.abs(got - exact) <= 1.0, () -> x + " * " + m + " = " + exact + ", got " + got);
        }
    }

    @Test
    void theDoublingHighMultiplySaturatesItsOneOverflowingCase() {
        assertEquals(Integer.MAX_VALUE,
                QuantizedMultiplier.roundingDoublingHighMul(Integer.MIN_VALUE, Integer.MIN_VALUE));
        // 2 * 2^30 * 2^30 / 2^32 = 2^29; ties round up: 2 * 3 * 2^30 / 2^32 = 1.5 -> 2, -1.5 -> -1
        assertEquals(1 << 29, QuantizedMultiplier.roundingDoublingHighMul(1 << 30, 1 << 30));
        assertEquals(2, QuantizedMultiplier.roundingDoublingHighMul(3, 1 << 30));
        assertEquals(-1, QuantizedMultiplier.roundingDoublingHighMul(-3, 1 << 30));
    }
}
