package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.quant.IntegerRounding;
import org.sasim.models.quant.QuantizedMultiplier;

/**
 * The vector unit's branch-free requantization equals the scheme's definition, {@link QuantizedMultiplier#apply}
 * (gemmlowp's rounding high-mul then rounding shift) saturated to int8, for every right shift it handles.
 */
class RequantizeBitsTest {
    private static void check(int x, int multiplier, int right) {
        byte want = IntegerRounding.saturateInt8(new QuantizedMultiplier(multiplier, -right).apply(x));
        assertEquals(want, Int8Kernels.requantizeDown(x, multiplier, right),
                () -> "x=" + x + " multiplier=" + multiplier + " right=" + right);
    }

    @Test
    void extremeAccumulatorsAndMultipliers() {
        int[] xs = {0, 1, -1, 2, -2, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 1 << 20, -(1 << 20)};
        int[] ms = {0, 1 << 30, (1 << 30) + 1, Integer.MAX_VALUE, 1518500250};
        for (int right = 0; right <= 31; right++) {
            for (int x : xs) {
                for (int m : ms) {
                    check(x, m, right);
                }
            }
        }
    }

    @Test
    void unsaturatedScalingEqualsTheSchemesMultiplierOnEveryShift() {
        SplittableRandom r = new SplittableRandom(10);
        for (int i = 0; i < 200_000; i++) {
            int right = i % 32;
            int x = i % 2 == 0 ? r.nextInt() : r.nextInt(-(1 << 28), 1 << 28);
            int m = r.nextInt(1 << 30, Integer.MAX_VALUE) + (r.nextBoolean() ? 1 : 0);
            assertEquals(new QuantizedMultiplier(m, -right).apply(x), Int8Kernels.scaleDown(x, m, right),
                    "x=" + x + " multiplier=" + m + " right=" + right);
        }
    }

    @Test
    void randomAccumulatorsOnEveryShift() {
        SplittableRandom r = new SplittableRandom(9);
        for (int i = 0; i < 1_000_000; i++) {
            int right = i % 32;
            // small accumulators too, so that ties and the int8 range (not only saturation) are exercised
            int x = i % 2 == 0 ? r.nextInt() : r.nextInt(-(1 << 16), 1 << 16);
            check(x, r.nextInt(1 << 30, Integer.MAX_VALUE) + (r.nextBoolean() ? 1 : 0), right);
        }
    }
}
