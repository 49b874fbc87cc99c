package org.sasim.simulator.compute;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link TileKernel} on the Java Vector API (module {@code jdk.incubator.vector}): the 8 x (2 vectors) output tile
 * lives in 16 vector registers, one lane per output; per k, {@code acc = acc + u*v} is a lanewise multiply then a
 * lanewise add (two roundings, exactly the PE's {@code acc + a*b}, never a fused multiply-add). Each method is one
 * straight code path (no branches between loading and storing the accumulators), which lets C2 keep them in
 * registers. Only loaded when the module is present (see {@link TileKernel#best()}), so the rest of the simulator
 * runs without it.
 */
final class VectorTileKernel implements TileKernel {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    /** Bytes with as many lanes as F: one load of int8 weights widened to one float vector. */
    private static final VectorSpecies<Byte> B = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    /** k per exact block of {@link #int8Dots}: each lane sums at most INT_BLOCK_DEPTH products. */
    private static final int DOT_BLOCK = INT_BLOCK_DEPTH * L;
    private static final int W = 2 * L;
    private static final float MAGIC = 0x1.8p23f;
    private static final int MAGIC_BITS = Float.floatToRawIntBits(MAGIC);

    /** Whether this JVM's preferred vectors are wide enough (256 bits or more) and int lanes match float lanes. */
    static boolean usable() {
        return L >= 8 && I.length() == L;
    }

    @Override
    public int lanes() {
        return W;
    }

    @Override
    public void tile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init,
                     int iOff, int ild, float[] out, int oOff, int ldo) {
        FloatVector c00 = FloatVector.fromArray(F, init, iOff);
        FloatVector c01 = FloatVector.fromArray(F, init, iOff + L);
        FloatVector c10 = FloatVector.fromArray(F, init, iOff + ild);
        FloatVector c11 = FloatVector.fromArray(F, init, iOff + ild + L);
        FloatVector c20 = FloatVector.fromArray(F, init, iOff + 2 * ild);
        FloatVector c21 = FloatVector.fromArray(F, init, iOff + 2 * ild + L);
        FloatVector c30 = FloatVector.fromArray(F, init, iOff + 3 * ild);
        FloatVector c31 = FloatVector.fromArray(F, init, iOff + 3 * ild + L);
        FloatVector c40 = FloatVector.fromArray(F, init, iOff + 4 * ild);
        FloatVector c41 = FloatVector.fromArray(F, init, iOff + 4 * ild + L);
        FloatVector c50 = FloatVector.fromArray(F, init, iOff + 5 * ild);
        FloatVector c51 = FloatVector.fromArray(F, init, iOff + 5 * ild + L);
        FloatVector c60 = FloatVector.fromArray(F, init, iOff + 6 * ild);
        FloatVector c61 = FloatVector.fromArray(F, init, iOff + 6 * ild + L);
        FloatVector c70 = FloatVector.fromArray(F, init, iOff + 7 * ild);
        FloatVector c71 = FloatVector.fromArray(F, init, iOff + 7 * ild + L);
        for (int k = 0; k < depth; k++) {
            int vk = vOff + k * vRow;
            int uk = uOff + k;
            FloatVector v0 = FloatVector.fromArray(F, v, vk);
            FloatVector v1 = FloatVector.fromArray(F, v, vk + L);
            FloatVector u0 = FloatVector.broadcast(F, u[uk]);
            c00 = c00.add(u0.mul(v0));
            c01 = c01.add(u0.mul(v1));
            FloatVector u1 = FloatVector.broadcast(F, u[uk + uRow]);
            c10 = c10.add(u1.mul(v0));
            c11 = c11.add(u1.mul(v1));
            FloatVector u2 = FloatVector.broadcast(F, u[uk + 2 * uRow]);
            c20 = c20.add(u2.mul(v0));
            c21 = c21.add(u2.mul(v1));
            FloatVector u3 = FloatVector.broadcast(F, u[uk + 3 * uRow]);
            c30 = c30.add(u3.mul(v0));
            c31 = c31.add(u3.mul(v1));
            FloatVector u4 = FloatVector.broadcast(F, u[uk + 4 * uRow]);
            c40 = c40.add(u4.mul(v0));
            c41 = c41.add(u4.mul(v1));
            FloatVector u5 = FloatVector.broadcast(F, u[uk + 5 * uRow]);
            c50 = c50.add(u5.mul(v0));
            c51 = c51.add(u5.mul(v1));
            FloatVector u6 = FloatVector.broadcast(F, u[uk + 6 * uRow]);
            c60 = c60.add(u6.mul(v0));
            c61 = c61.add(u6.mul(v1));
            FloatVector u7 = FloatVector.broadcast(F, u[uk + 7 * uRow]);
            c70 = c70.add(u7.mul(v0));
            c71 = c71.add(u7.mul(v1));
        }
        c00.intoArray(out, oOff);
        c01.intoArray(out, oOff + L);
        c10.intoArray(out, oOff + ldo);
        c11.intoArray(out, oOff + ldo + L);
        c20.intoArray(out, oOff + 2 * ldo);
        c21.intoArray(out, oOff + 2 * ldo + L);
        c30.intoArray(out, oOff + 3 * ldo);
        c31.intoArray(out, oOff + 3 * ldo + L);
        c40.intoArray(out, oOff + 4 * ldo);
        c41.intoArray(out, oOff + 4 * ldo + L);
        c50.intoArray(out, oOff + 5 * ldo);
        c51.intoArray(out, oOff + 5 * ldo + L);
        c60.intoArray(out, oOff + 6 * ldo);
        c61.intoArray(out, oOff + 6 * ldo + L);
        c70.intoArray(out, oOff + 7 * ldo);
        c71.intoArray(out, oOff + 7 * ldo + L);
    }

    @Override
    public void exactTile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init,
                          int iOff, int ild, float[] out, int oOff, int ldo) {
        FloatVector c00 = FloatVector.fromArray(F, init, iOff);
        FloatVector c01 = FloatVector.fromArray(F, init, iOff + L);
        FloatVector c10 = FloatVector.fromArray(F, init, iOff + ild);
        FloatVector c11 = FloatVector.fromArray(F, init, iOff + ild + L);
        FloatVector c20 = FloatVector.fromArray(F, init, iOff + 2 * ild);
        FloatVector c21 = FloatVector.fromArray(F, init, iOff + 2 * ild + L);
        FloatVector c30 = FloatVector.fromArray(F, init, iOff + 3 * ild);
        FloatVector c31 = FloatVector.fromArray(F, init, iOff + 3 * ild + L);
        FloatVector c40 = FloatVector.fromArray(F, init, iOff + 4 * ild);
        FloatVector c41 = FloatVector.fromArray(F, init, iOff + 4 * ild + L);
        FloatVector c50 = FloatVector.fromArray(F, init, iOff + 5 * ild);
        FloatVector c51 = FloatVector.fromArray(F, init, iOff + 5 * ild + L);
        FloatVector c60 = FloatVector.fromArray(F, init, iOff + 6 * ild);
        FloatVector c61 = FloatVector.fromArray(F, init, iOff + 6 * ild + L);
        FloatVector c70 = FloatVector.fromArray(F, init, iOff + 7 * ild);
        FloatVector c71 = FloatVector.fromArray(F, init, iOff + 7 * ild + L);
        for (int k = 0; k < depth; k++) {
            int vk = vOff + k * vRow;
            int uk = uOff + k;
            FloatVector v0 = FloatVector.fromArray(F, v, vk);
            FloatVector v1 = FloatVector.fromArray(F, v, vk + L);
            FloatVector u0 = FloatVector.broadcast(F, u[uk]);
            c00 = u0.fma(v0, c00);
            c01 = u0.fma(v1, c01);
            FloatVector u1 = FloatVector.broadcast(F, u[uk + uRow]);
            c10 = u1.fma(v0, c10);
            c11 = u1.fma(v1, c11);
            FloatVector u2 = FloatVector.broadcast(F, u[uk + 2 * uRow]);
            c20 = u2.fma(v0, c20);
            c21 = u2.fma(v1, c21);
            FloatVector u3 = FloatVector.broadcast(F, u[uk + 3 * uRow]);
            c30 = u3.fma(v0, c30);
            c31 = u3.fma(v1, c31);
            FloatVector u4 = FloatVector.broadcast(F, u[uk + 4 * uRow]);
            c40 = u4.fma(v0, c40);
            c41 = u4.fma(v1, c41);
            FloatVector u5 = FloatVector.broadcast(F, u[uk + 5 * uRow]);
            c50 = u5.fma(v0, c50);
            c51 = u5.fma(v1, c51);
            FloatVector u6 = FloatVector.broadcast(F, u[uk + 6 * uRow]);
            c60 = u6.fma(v0, c60);
            c61 = u6.fma(v1, c61);
            FloatVector u7 = FloatVector.broadcast(F, u[uk + 7 * uRow]);
            c70 = u7.fma(v0, c70);
            c71 = u7.fma(v1, c71);
        }
        c00.intoArray(out, oOff);
        c01.intoArray(out, oOff + L);
        c10.intoArray(out, oOff + ldo);
        c11.intoArray(out, oOff + ldo + L);
        c20.intoArray(out, oOff + 2 * ldo);
        c21.intoArray(out, oOff + 2 * ldo + L);
        c30.intoArray(out, oOff + 3 * ldo);
        c31.intoArray(out, oOff + 3 * ldo + L);
        c40.intoArray(out, oOff + 4 * ldo);
        c41.intoArray(out, oOff + 4 * ldo + L);
        c50.intoArray(out, oOff + 5 * ldo);
        c51.intoArray(out, oOff + 5 * ldo + L);
        c60.intoArray(out, oOff + 6 * ldo);
        c61.intoArray(out, oOff + 6 * ldo + L);
        c70.intoArray(out, oOff + 7 * ldo);
        c71.intoArray(out, oOff + 7 * ldo + L);
    }

    @Override
    public void row(float[] u, int uOff, float[] v, int vOff, int vRow, int depth, float[] init, int iOff, float[] out,
                    int oOff) {
        FloatVector c0 = FloatVector.fromArray(F, init, iOff);
        FloatVector c1 = FloatVector.fromArray(F, init, iOff + L);
        for (int k = 0; k < depth; k++) {
            int vk = vOff + k * vRow;
            FloatVector a = FloatVector.broadcast(F, u[uOff + k]);
            c0 = c0.add(a.mul(FloatVector.fromArray(F, v, vk)));
            c1 = c1.add(a.mul(FloatVector.fromArray(F, v, vk + L)));
        }
        c0.intoArray(out, oOff);
        c1.intoArray(out, oOff + L);
    }

    @Override
    public void addRows(float[] psum, int rows, float[] out, int oOff, int ldo) {
        for (int c = 0; c < rows; c++) {
            int o = oOff + c * ldo;
            FloatVector.fromArray(F, out, o).add(FloatVector.fromArray(F, psum, c * W)).intoArray(out, o);
            FloatVector.fromArray(F, out, o + L).add(FloatVector.fromArray(F, psum, c * W + L)).intoArray(out, o + L);
        }
    }

    @Override
    public void addRows(float[] psum, int rows, int[] out, int oOff, int ldo) {
        // psum in [-4,161,536, 2^22]: 1.5*2^23 - psum lies in [2^23, 2^24), where floats are the integers, so the
        // low bits of 1.5*2^23 minus its low bits are psum as an int (see TileKernel.INT_BLOCK_DEPTH)
        for (int c = 0; c < rows; c++) {
            int o = oOff + c * ldo;
            for (int h = 0; h < W; h += L) {
                IntVector.fromArray(I, out, o + h).add(exactInts(FloatVector.fromArray(F, psum, c * W + h)))
                        .intoArray(out, o + h);
            }
        }
    }

    /**
     * Eight weight rows share each load of x: eight independent FMA chains of exact int8 products in float lanes,
     * every {@link #DOT_BLOCK} k moved to int lanes (the {@link #addRows(float[], int, int[], int, int)} conversion)
     * and summed across lanes at the end; the last {@code depth % L} k are scalar int arithmetic.
     */
    @Override
    public void int8Dots(float[] x, int xOff, byte[] w, int wOff, int wStride, int depth, int rows, int[] out,
                         int oOff) {
        int body = depth - depth % L;
        if (rows < ROWS) {
            for (int r = 0; r < rows; r++) {
                IntVector s = IntVector.zero(I);
                int o = wOff + r * wStride;
                for (int k0 = 0; k0 < body; k0 += DOT_BLOCK) {
                    int k1 = Math.min(body, k0 + DOT_BLOCK);
                    FloatVector a = FloatVector.zero(F);
                    for (int k = k0; k < k1; k += L) {
                        a = FloatVector.fromArray(F, x, xOff + k).fma(widened(w, o + k), a);
                    }
                    s = s.add(exactInts(a));
                }
                out[oOff + r] = s.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o, body, depth);
            }
            return;
        }
        IntVector s0 = IntVector.zero(I);
        IntVector s1 = s0;
        IntVector s2 = s0;
        IntVector s3 = s0;
        IntVector s4 = s0;
        IntVector s5 = s0;
        IntVector s6 = s0;
        IntVector s7 = s0;
        int o0 = wOff;
        int o1 = o0 + wStride;
        int o2 = o1 + wStride;
        int o3 = o2 + wStride;
        int o4 = o3 + wStride;
        int o5 = o4 + wStride;
        int o6 = o5 + wStride;
        int o7 = o6 + wStride;
        for (int k0 = 0; k0 < body; k0 += DOT_BLOCK) {
            int k1 = Math.min(body, k0 + DOT_BLOCK);
            FloatVector a0 = FloatVector.zero(F);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            FloatVector a4 = a0;
            FloatVector a5 = a0;
            FloatVector a6 = a0;
            FloatVector a7 = a0;
            for (int k = k0; k < k1; k += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + k);
                a0 = xv.fma(widened(w, o0 + k), a0);
                a1 = xv.fma(widened(w, o1 + k), a1);
                a2 = xv.fma(widened(w, o2 + k), a2);
                a3 = xv.fma(widened(w, o3 + k), a3);
                a4 = xv.fma(widened(w, o4 + k), a4);
                a5 = xv.fma(widened(w, o5 + k), a5);
                a6 = xv.fma(widened(w, o6 + k), a6);
                a7 = xv.fma(widened(w, o7 + k), a7);
            }
            s0 = s0.add(exactInts(a0));
            s1 = s1.add(exactInts(a1));
            s2 = s2.add(exactInts(a2));
            s3 = s3.add(exactInts(a3));
            s4 = s4.add(exactInts(a4));
            s5 = s5.add(exactInts(a5));
            s6 = s6.add(exactInts(a6));
            s7 = s7.add(exactInts(a7));
        }
        out[oOff] = s0.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o0, body, depth);
        out[oOff + 1] = s1.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o1, body, depth);
        out[oOff + 2] = s2.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o2, body, depth);
        out[oOff + 3] = s3.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o3, body, depth);
        out[oOff + 4] = s4.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o4, body, depth);
        out[oOff + 5] = s5.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o5, body, depth);
        out[oOff + 6] = s6.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o6, body, depth);
        out[oOff + 7] = s7.reduceLanes(VectorOperators.ADD) + tailDot(x, xOff, w, o7, body, depth);
    }

    /** A vector at a time (C2 leaves the plain loop scalar on JDK 17: ~16x slower than a float copy). */
    @Override
    public void widen(byte[] src, float[] dst, int from, int to) {
        int i = from;
        for (int bound = from + B.loopBound(to - from); i < bound; i += L) {
            widened(src, i).intoArray(dst, i);
        }
        for (; i < to; i++) {
            dst[i] = src[i];
        }
    }

    /** L int8 values from {@code w[off]} as floats (exact). */
    private static FloatVector widened(byte[] w, int off) {
        return (FloatVector) ByteVector.fromArray(B, w, off).convertShape(VectorOperators.B2F, F, 0);
    }

    /** Float lanes holding sums of at most INT_BLOCK_DEPTH int8 products as int lanes (see {@link #addRows}). */
    private static IntVector exactInts(FloatVector a) {
        return a.neg().add(MAGIC).reinterpretAsInts().neg().add(MAGIC_BITS);
    }

    /** {@code sum x[xOff + k] * w[o + k]} for k in {@code [from, to)}, in int arithmetic. */
    private static int tailDot(float[] x, int xOff, byte[] w, int o, int from, int to) {
        int s = 0;
        for (int k = from; k < to; k++) {
            s += (int) x[xOff + k] * w[o + k];
        }
        return s;
    }
}
