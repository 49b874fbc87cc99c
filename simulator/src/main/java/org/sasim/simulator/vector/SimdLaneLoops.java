package org.sasim.simulator.vector;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;
import org.sasim.models.quant.AddRescale;

/**
 * {@link LaneLoops} on the Java Vector API: the scalar arithmetic lane by lane (integer operations only, so the bits
 * are those of the scalar loops by construction), the tail of a range done by the scalar loops. Only loaded when the
 * module is present (see {@link LaneLoops#best()}).
 */
final class SimdLaneLoops implements LaneLoops {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> FI = IntVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED;
    /** 64-bit lanes for the fixed-point products, and the int and byte species with as many lanes. */
    private static final VectorSpecies<Long> L = LongVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> LI =
            VectorSpecies.of(int.class, VectorShape.forBitSize(L.vectorBitSize() / 2));
    private static final VectorSpecies<Byte> LB =
            VectorSpecies.of(byte.class, VectorShape.forBitSize(L.vectorBitSize() / 8));
    private static final int NEGATIVE_INFINITY_BITS_PLUS_ONE = Float.floatToRawIntBits(Float.NEGATIVE_INFINITY) + 1;

    private final ScalarLaneLoops tail = new ScalarLaneLoops();

    /** Whether the preferred vectors hold 8 longs (512 bits), the narrowest shape with a 64-bit byte species. */
    static boolean usable() {
        return L.length() == 8 && FI.length() == F.length();
    }

    /**
     * On the words: a negative number or -0 (a negative int at or below the bits of -infinity) becomes +0, every
     * other word (positive, +0, any NaN) passes; {@code b + 1 - bits(-inf)} cannot overflow for a negative b.
     */
    @Override
    public void relu(float[] x, float[] y, int from, int to) {
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            IntVector b = FloatVector.fromArray(F, x, i).reinterpretAsInts();
            IntVector negative = b.lanewise(VectorOperators.ASHR, 31)
                    .and(b.sub(NEGATIVE_INFINITY_BITS_PLUS_ONE).lanewise(VectorOperators.ASHR, 31));
            b.and(negative.not()).reinterpretAsFloats().intoArray(y, i);
        }
        tail.relu(x, y, i, to);
    }

    /**
     * Lane-wise multiply then add, each rounded to fp32 as the scalar {@code x * scale + shift}. Short channel
     * planes (a 7 x 7 plane is 49 floats) are where C2's auto-vectorized loop spends its time in scalar pre- and
     * post-loops; here only the last partial vector is scalar.
     */
    @Override
    public void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift) {
        FloatVector k = FloatVector.broadcast(F, scale);
        FloatVector b = FloatVector.broadcast(F, shift);
        int i = from;
        for (int bound = from + F.loopBound(to - from); i < bound; i += F.length()) {
            FloatVector.fromArray(F, x, i).mul(k).add(b).intoArray(y, i);
        }
        tail.scaleShift(x, y, i, to, scale, shift);
    }

    /** The blend moves words, never computes them: the bits of {@link PoolingKernels#maxOf}, NaN payloads too. */
    @Override
    public void max(float[] m, int mOff, float[] v, int vOff, int count) {
        int j = 0;
        for (int bound = F.loopBound(Math.max(count, 0)); j < bound; j += F.length()) {
            FloatVector a = FloatVector.fromArray(F, m, mOff + j);
            FloatVector b = FloatVector.fromArray(F, v, vOff + j);
            a.blend(b, b.compare(VectorOperators.GT, a).or(b.test(VectorOperators.IS_NAN))).intoArray(m, mOff + j);
        }
        tail.max(m, mOff + j, v, vOff + j, count - j);
    }

    @Override
    public void max(byte[] m, int mOff, byte[] v, int vOff, int count) {
        int j = 0;
        for (int bound = B.loopBound(Math.max(count, 0)); j < bound; j += B.length()) {
            ByteVector.fromArray(B, m, mOff + j).max(ByteVector.fromArray(B, v, vOff + j)).intoArray(m, mOff + j);
        }
        tail.max(m, mOff + j, v, vOff + j, count - j);
    }

    @Override
    public void relu(byte[] x, byte[] y, int from, int to) {
        int i = from;
        for (int bound = from + B.loopBound(to - from); i < bound; i += B.length()) {
            ByteVector.fromArray(B, x, i).max((byte) 0).intoArray(y, i);
        }
        tail.relu(x, y, i, to);
    }

    /** {@link Int8Kernels#scaleDown} of {@code x << AddRescale.LEFT_SHIFT}, its 64-bit steps on 8 lanes. */
    @Override
    public void rescale(byte[] x, int xOff, int[] sum, int count, boolean accumulate, int[] table, int multiplier,
                        int right) {
        int j = 0;
        for (int bound = L.loopBound(count); j < bound; j += L.length()) {
            LongVector q = (LongVector) ByteVector.fromArray(LB, x, xOff + j).convertShape(VectorOperators.B2L, L, 0);
            IntVector t = (IntVector) scaleDown(q.lanewise(VectorOperators.LSHL, AddRescale.LEFT_SHIFT), multiplier,
                    right).convertShape(VectorOperators.L2I, LI, 0);
            if (accumulate) {
                t = t.add(IntVector.fromArray(LI, sum, j));
            }
            t.intoArray(sum, j);
        }
        for (; j < count; j++) {
            int t = Int8Kernels.scaleDown(x[xOff + j] << AddRescale.LEFT_SHIFT, multiplier, right);
            sum[j] = accumulate ? sum[j] + t : t;
        }
    }

    /** {@link Int8Kernels#requantizeDown}, its 64-bit steps on 8 lanes. */
    @Override
    public void requantizeDown(int[] acc, int accFrom, byte[] y, int yFrom, int count, int multiplier, int right) {
        int j = 0;
        for (int bound = L.loopBound(count); j < bound; j += L.length()) {
            LongVector x = (LongVector) IntVector.fromArray(LI, acc, accFrom + j)
                    .convertShape(VectorOperators.I2L, L, 0);
            scaleDown(x, multiplier, right).max(Byte.MIN_VALUE).min(Byte.MAX_VALUE)
                    .convertShape(VectorOperators.L2B, LB, 0).reinterpretAsBytes().intoArray(y, yFrom + j);
        }
        tail.requantizeDown(acc, accFrom + j, y, yFrom + j, count - j, multiplier, right);
    }

    /** {@link Int8Kernels#scaleDown} lane-wise on int32 values widened to 64 bits. */
    private static LongVector scaleDown(LongVector x, int multiplier, int right) {
        long mask = (1L << right) - 1;
        long low31 = (1L << 31) - 1;
        LongVector ab = x.mul(multiplier);
        LongVector t = ab.add(1L << 30).sub(ab.lanewise(VectorOperators.ASHR, 63).and(low31));
        LongVector high = t.add(t.lanewise(VectorOperators.ASHR, 63).and(low31)).lanewise(VectorOperators.ASHR, 31);
        LongVector threshold = high.lanewise(VectorOperators.LSHR, 63).add(mask >> 1);
        return high.lanewise(VectorOperators.ASHR, right)
                .add(threshold.sub(high.and(mask)).lanewise(VectorOperators.LSHR, 63));
    }
}
