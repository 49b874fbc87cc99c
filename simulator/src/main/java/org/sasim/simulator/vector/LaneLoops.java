package org.sasim.simulator.vector;

import java.lang.reflect.InvocationTargetException;

/**
 * The vector unit's innermost loops over a contiguous range of elements, where plain Java loops do not
 * auto-vectorize (float-to-int bit moves, 64-bit fixed-point products). Two implementations give the same bits: one
 * on the Java Vector API ({@code jdk.incubator.vector}), loaded only when that module is present, and a scalar one.
 */
sealed interface LaneLoops permits ScalarLaneLoops, SimdLaneLoops {
    /** {@code y[i] = ElementwiseKernels.reluOf(x[i])} for {@code i} in {@code [from, to)}. */
    void relu(float[] x, float[] y, int from, int to);

    /**
     * {@code y[i] = x[i] * scale + shift} for {@code i} in {@code [from, to)}: an fp32 multiply, then an fp32 add
     * (two roundings, never a fused multiply-add).
     */
    void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift);

    /**
     * {@code m[mOff + j] = PoolingKernels.maxOf(m[mOff + j], v[vOff + j])} for {@code j} in {@code [0, count)}
     * (nothing when {@code count <= 0}).
     */
    void max(float[] m, int mOff, float[] v, int vOff, int count);

    /** {@code m[mOff + j] = max(m[mOff + j], v[vOff + j])} for {@code j} in {@code [0, count)} (nothing if none). */
    void max(byte[] m, int mOff, byte[] v, int vOff, int count);

    /** {@code y[i] = max(x[i], 0)} for {@code i} in {@code [from, to)} (the int8 ReLU). */
    void relu(byte[] x, byte[] y, int from, int to);

    /**
     * One input of the int8 residual add on the common grid: {@code sum[j] = t} or, when {@code accumulate},
     * {@code sum[j] += t}, with {@code t = Int8Kernels.scaleDown(x[xOff + j] << AddRescale.LEFT_SHIFT, multiplier,
     * right)}, for {@code j} in {@code [0, count)}. {@code table[q + 128]} must hold that {@code t} for each int8
     * {@code q} (the scalar loops look it up; the SIMD loops compute it).
     */
    void rescale(byte[] x, int xOff, int[] sum, int count, boolean accumulate, int[] table, int multiplier,
                 int right);

    /**
     * {@code y[yFrom + j] = Int8Kernels.requantizeDown(acc[accFrom + j], multiplier, right)} for {@code j} in
     * {@code [0, count)}; {@code multiplier} in [0, 2^31), {@code right} in 0..31.
     */
    void requantizeDown(int[] acc, int accFrom, byte[] y, int yFrom, int count, int multiplier, int right);

    /**
     * The Vector API loops when the {@code jdk.incubator.vector} module is in the boot layer and its vectors hold
     * 8 longs (512 bits); else the scalar loops. The vector class is loaded reflectively, so nothing touches the
     * module when it is absent.
     */
    static LaneLoops best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> c = Class.forName("org.sasim.simulator.vector.SimdLaneLoops");
                if ((boolean) c.getDeclaredMethod("usable").invoke(null)) {
                    return (LaneLoops) c.getDeclaredConstructor().newInstance();
                }
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                     | IllegalAccessException | InvocationTargetException | LinkageError e) {
                // fall through: the scalar loops compute the same bits
            }
        }
        return new ScalarLaneLoops();
    }
}
