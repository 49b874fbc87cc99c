package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The branch-free ReLU gives the bits of its definition, {@code v > 0 || isNaN(v) ? v : +0}, for every kind of word. */
class ReluBitsTest {
    private static int definition(int bits) {
        float v = Float.intBitsToFloat(bits);
        return v > 0f || Float.isNaN(v) ? bits : 0;
    }

    private static void check(int bits) {
        assertEquals(definition(bits), Float.floatToRawIntBits(ElementwiseKernels.reluOf(Float.intBitsToFloat(bits))),
                () -> Integer.toHexString(bits));
    }

    @Test
    void specialWordsAndTheirNeighbours() {
        int[] edges = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001, 0xff800001,
            0x7fffffff, 0xffffffff, 1, 0x80000001, 0x3f800000, 0xbf800000, 0x00800000, 0x80800000};
        for (int e : edges) {
            for (int d = -2; d <= 2; d++) {
                check(e + d);
            }
        }
    }

    @Test
    void randomWords() {
        SplittableRandom r = new SplittableRandom(3);
        for (int i = 0; i < 1_000_000; i++) {
            check(r.nextInt());
        }
    }
}
