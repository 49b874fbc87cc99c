package org.sasim.models.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The scheme's integer division, float quantization and saturation. */
class IntegerRoundingTest {

    @Test
    void averagesRoundToNearestWithTiesAwayFromZero() {
        assertEquals(3, IntegerRounding.divideHalfAwayFromZero(5, 2));
        assertEquals(-3, IntegerRounding.divideHalfAwayFromZero(-5, 2));
        assertEquals(1, IntegerRounding.divideHalfAwayFromZero(4, 3));
        assertEquals(-1, IntegerRounding.divideHalfAwayFromZero(-4, 3));
        assertEquals(2, IntegerRounding.divideHalfAwayFromZero(5, 3));
        assertEquals(0, IntegerRounding.divideHalfAwayFromZero(-4, 9));
    }

    @Test
    void floatsQuantizeHalfToEvenAndClampToTheGivenRange() {
        assertEquals(2, IntegerRounding.quantize(2.5f, 1.0, -127));
        assertEquals(4, IntegerRounding.quantize(3.5f, 1.0, -127));
        assertEquals(-2, IntegerRounding.quantize(-2.5f, 1.0, -127));
        assertEquals(127, IntegerRounding.quantize(1000f, 1.0, -127));
        assertEquals(-127, IntegerRounding.quantize(-1000f, 1.0, -127)); // weights: symmetric
        assertEquals(-128, IntegerRounding.quantize(-1000f, 1.0, -128)); // activations: full int8
        assertEquals(50, IntegerRounding.quantize(1.0f, 0.02, -128));
    }

    @Test
    void saturationClampsToInt8() {
        assertEquals(127, IntegerRounding.saturateInt8(128));
        assertEquals(-128, IntegerRounding.saturateInt8(-129));
        assertEquals(-5, IntegerRounding.saturateInt8(-5));
    }
}
