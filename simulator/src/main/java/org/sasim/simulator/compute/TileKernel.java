package org.sasim.simulator.compute;

import java.lang.reflect.InvocationTargetException;

/**
 * The fast engine's inner loop: an output tile {@code out[c][p] = init[c][p] + sum_k u[c][k] * v[k][p]} for
 * {@link #ROWS} rows c and {@link #lanes()} columns p: {@code u} is row-major ({@code u[uOff + c*uRow + k]}), {@code v}
 * a packed panel of lanes() consecutive columns per k, its rows {@code vRow} words apart
 * ({@code v[vOff + k*vRow + p]});
 * row c of {@code init} starts at {@code iOff + c*ild}, of {@code out} at {@code oOff + c*ldo} (they may be the same
 * words). Every output is accumulated on its own, {@code acc = acc + u*v} over k ascending with the product and the
 * sum each rounded to fp32 (no fused multiply-add): exactly a PE's multiply-accumulate, so a tile's bits do not depend
 * on the kernel or on how the work is split.
 */
sealed interface TileKernel permits ScalarTileKernel, VectorTileKernel {
    /** Output rows per tile (rows of the broadcast operand u). */
    int ROWS = 8;

    /**
     * Deepest k-block whose int8 sums a kernel converts to int on its lanes: 256 products in [-16,256, 16,384]
     * ((-128)(127) and (-128)(-128)) sum to [-4,161,536, 2^22]; {@code 1.5 * 2^23 - sum} then lies in
     * [2^23, 2^24), where a float's low bits count integers, so the sum is read off exactly (the Vector API's
     * float-to-int conversion does not compile to one instruction on JDK 17). 256 divides the depths of most
     * layers, so they split into whole blocks.
     */
    int INT_BLOCK_DEPTH = 256;

    /** Output columns per tile (the panel width of the lane operand). */
    int lanes();

    /** ROWS x lanes() outputs, {@code out = init + sum u*v}, multiply then add per k. */
    void tile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init, int iOff, int ild,
              float[] out, int oOff, int ldo);

    /**
     * As {@link #tile} for integer operands whose every partial sum is an integer below 2^24 in magnitude (int8
     * values, depth at most 1,024: products of magnitude at most 2^14): all arithmetic is exact, so the kernel may
     * fuse. Sums converted by {@link #addRows(float[], int, int[], int, int)} come from at most
     * {@link #INT_BLOCK_DEPTH} k.
     */
    void exactTile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init, int iOff,
                   int ild, float[] out, int oOff, int ldo);

    /** One row: u read as {@code u[uOff + k]}, {@code out[oOff + p] = init[iOff + p] + sum u*v}. */
    void row(float[] u, int uOff, float[] v, int vOff, int vRow, int depth, float[] init, int iOff, float[] out,
             int oOff);

    /** {@code out[c][p] = out[c][p] + psum[c*lanes() + p]} for the first {@code rows} rows. */
    void addRows(float[] psum, int rows, float[] out, int oOff, int ldo);

    /**
     * {@code out[c][p] += (int) psum[c*lanes() + p]} (int32 wrap-around), psum holding sums of at most
     * {@link #INT_BLOCK_DEPTH} int8 products.
     */
    void addRows(float[] psum, int rows, int[] out, int oOff, int ldo);

    /**
     * Exact int32 (wrapping) dot products of one int8 input row with {@code rows} (1 to {@link #ROWS}) int8 weight
     * rows, read in place: {@code out[oOff + r] = sum_k x[xOff + k] * w[wOff + r*wStride + k]} over {@code k < depth};
     * x holds int8 values as floats.
     */
    void int8Dots(float[] x, int xOff, byte[] w, int wOff, int wStride, int depth, int rows, int[] out, int oOff);

    /** {@code dst[i] = src[i]} for i in {@code [from, to)}: int8 operands as the floats the tiles multiply. */
    void widen(byte[] src, float[] dst, int from, int to);

    /**
     * The Vector API kernel when the {@code jdk.incubator.vector} module is in the boot layer (the JVM ran with
     * {@code --add-modules jdk.incubator.vector}) and its vectors are at least 256 bits; else the scalar kernel.
     * The vector class is loaded reflectively so that nothing touches the module when it is absent.
     */
    static TileKernel best() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) {
            try {
                Class<?> c = Class.forName("org.sasim.simulator.compute.VectorTileKernel");
                if ((boolean) c.getDeclaredMethod("usable").invoke(null)) {
                    return (TileKernel) c.getDeclaredConstructor().newInstance();
                }
            } catch (ClassNotFoundException | NoSuchMethodException | InstantiationException
                     | IllegalAccessException | InvocationTargetException | LinkageError e) {
                // fall through: the scalar kernel computes the same bits
            }
        }
        return new ScalarTileKernel(32);
    }
}
