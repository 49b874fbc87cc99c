package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.sasim.models.quant.AddRescale;
import org.sasim.models.quant.QuantizedMultiplier;

/**
 * The Vector API loops give the bits of the scalar loops (their definition), NaN payloads and signed zeros included,
 * on ranges whose starts and lengths are not multiples of the vector length (so the scalar tails run too).
 */
class LaneLoopsBitsTest {
    /** Words where a lane-wise rewrite could go wrong: zeros, infinities, NaNs of both signs and payloads. */
    private static final int[] SPECIAL = {0, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00000, 0x7f800001,
        0xff800001, 0x7fffffff, 0xffffffff, 0x7fc00123, 1, 0x80000001, 0x3f800000, 0xbf800000, 0x00800000};
    private static final int FROM = 3;
    private static final int TO = 1003;

    private final LaneLoops scalar = new ScalarLaneLoops();
    private LaneLoops simd;

    @BeforeEach
    void simdLoopsOfThisJvm() {
        simd = LaneLoops.best();
        assumeTrue(simd instanceof SimdLaneLoops, "this JVM runs the scalar loops only (no 512-bit Vector API)");
    }

    /** Mostly special words and a few values, so that equal values and NaNs meet in the same lanes. */
    private static float[] words(SplittableRandom r, int n) {
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            int bits = r.nextInt(4) == 0 ? r.nextInt() : SPECIAL[r.nextInt(SPECIAL.length)];
            f[i] = Float.intBitsToFloat(bits);
        }
        return f;
    }

    /** The raw bit patterns of {@code f} (NaN payloads and signed zeros included), for exact comparisons. */
    static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @Test
    void fp32ReluKeepsTheWordsOfItsDefinition() {
        float[] x = words(new SplittableRandom(1), TO + 5);
        float[] want = new float[x.length];
        float[] got = new float[x.length];
        scalar.relu(x, want, FROM, TO);
        simd.relu(x, got, FROM, TO);
        assertArrayEquals(bits(want), bits(got));
    }

    @Test
    void batchNormScaleAndShiftRoundTwiceAsTheScalarLoop() {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = words(r, TO + 5);
        for (int i = 0; i < x.length; i += 2) {
            x[i] = (float) (r.nextDouble() * 200 - 100); // plenty of finite values whose product rounds
        }
        float[] want = new float[x.length];
        float[] got = new float[x.length];
        // a product and sum a fused multiply-add would round differently, and an overflowing scale
        for (float scale : new float[] {0.1f, -3.7e-3f, 1e38f}) {
            scalar.scaleShift(x, want, FROM, TO, scale, 0.3f);
            simd.scaleShift(x, got, FROM, TO, scale, 0.3f);
            assertArrayEquals(bits(want), bits(got), "scale " + scale);
        }
    }

    @Test
    void int8ReluOfEveryValue() {
        byte[] x = new byte[TO + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) i;
        }
        byte[] want = new byte[x.length];
        byte[] got = new byte[x.length];
        scalar.relu(x, want, FROM, TO);
        simd.relu(x, got, FROM, TO);
        assertArrayEquals(want, got);
    }

    @Test
    void fp32PoolingMaxPicksTheSameWordWhereZerosTieAndNaNsMeet() {
        SplittableRandom r = new SplittableRandom(2);
        float[] m = words(r, TO + 5);
        float[] v = words(r, TO + 5);
        float[] want = m.clone();
        float[] got = m.clone();
        scalar.max(want, FROM, v, FROM + 1, TO - FROM - 1);
        simd.max(got, FROM, v, FROM + 1, TO - FROM - 1);
        assertArrayEquals(bits(want), bits(got));
    }

    @Test
    void int8MaxOfRandomBytes() {
        SplittableRandom r = new SplittableRandom(3);
        byte[] m = new byte[TO + 5];
        byte[] v = new byte[TO + 5];
        for (int i = 0; i < m.length; i++) {
            m[i] = (byte) r.nextInt();
            v[i] = (byte) r.nextInt();
        }
        byte[] want = m.clone();
        byte[] got = m.clone();
        scalar.max(want, FROM, v, FROM + 1, TO - FROM - 1);
        simd.max(got, FROM, v, FROM + 1, TO - FROM - 1);
        assertArrayEquals(want, got);
    }

    @Test
    void residualAddRescalingComputesTheTableOfTheSchemesMultiplier() {
        byte[] x = new byte[TO + 5];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) (i * 7);
        }
        SplittableRandom r = new SplittableRandom(6);
        int[] prior = new int[TO];
        for (int i = 0; i < prior.length; i++) {
            prior[i] = r.nextInt(-(1 << 28), 1 << 28);
        }
        for (int right = 0; right <= 31; right++) {
            QuantizedMultiplier m = new QuantizedMultiplier(r.nextInt(1 << 30, Integer.MAX_VALUE), -right);
            int[] table = new int[256];
            for (int q = Byte.MIN_VALUE; q <= Byte.MAX_VALUE; q++) {
                table[q - Byte.MIN_VALUE] = m.apply(q << AddRescale.LEFT_SHIFT);
            }
            for (boolean accumulate : new boolean[] {false, true}) {
                int[] want = prior.clone();
                int[] got = prior.clone();
                scalar.rescale(x, FROM, want, TO - FROM, accumulate, table, m.multiplier(), right);
                simd.rescale(x, FROM, got, TO - FROM, accumulate, table, m.multiplier(), right);
                assertArrayEquals(want, got, m + (accumulate ? " added" : " stored"));
            }
        }
    }

    @Test
    void requantizationOnEveryShiftWithExtremeAndRandomAccumulators() {
        SplittableRandom r = new SplittableRandom(4);
        int[] acc = new int[TO + 5];
        int[] extremes = {0, 1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1, 1 << 20, -(1 << 20)};
        for (int i = 0; i < acc.length; i++) {
            acc[i] = i < extremes.length * 8 ? extremes[i % extremes.length]
                    : i % 2 == 0 ? r.nextInt() : r.nextInt(-(1 << 16), 1 << 16);
        }
        int[] multipliers = {0, 1 << 30, Integer.MAX_VALUE, 1518500250, r.nextInt(1 << 30, Integer.MAX_VALUE)};
        for (int right = 0; right <= 31; right++) {
            for (int m : multipliers) {
                byte[] want = new byte[acc.length];
                byte[] got = new byte[acc.length];
                scalar.requantizeDown(acc, FROM, want, FROM + 1, TO - FROM - 1, m, right);
                simd.requantizeDown(acc, FROM, got, FROM + 1, TO - FROM - 1, m, right);
                assertArrayEquals(want, got, "multiplier " + m + ", right shift " + right);
            }
        }
    }
}
