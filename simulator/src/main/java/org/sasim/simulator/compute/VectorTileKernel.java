package org.sasim.simulator.compute;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
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
    public void tile(float[] u, int uOff, int uRow, int uK, float[] v, int vOff, int depth, float[] init, int iOff,
                     int ild, float[] out, int oOff, int ldo) {
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
            int vk = vOff + k * W;
            int uk = uOff + k * uK;
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
    public void exactTile(float[] u, int uOff, int uRow, int uK, float[] v, int vOff, int depth, float[] init,
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
            int vk = vOff + k * W;
            int uk = uOff + k * uK;
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
    public void row(float[] u, int uOff, int uStride, float[] v, int vOff, int depth, float[] init, int iOff,
                    float[] out, int oOff) {
        FloatVector c0 = FloatVector.fromArray(F, init, iOff);
        FloatVector c1 = FloatVector.fromArray(F, init, iOff + L);
        for (int k = 0; k < depth; k++) {
            int vk = vOff + k * W;
            FloatVector a = FloatVector.broadcast(F, u[uOff + k * uStride]);
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
        // |psum| < 2^22: psum + 1.5*2^23 lies in [2^23, 2^24), where floats are the integers, so its low bits minus
        // those of 1.5*2^23 are psum as an int (exact; a vector F2I cast is not one instruction on JDK 17)
        for (int c = 0; c < rows; c++) {
            int o = oOff + c * ldo;
            for (int h = 0; h < W; h += L) {
                IntVector bits = FloatVector.fromArray(F, psum, c * W + h).add(MAGIC).reinterpretAsInts();
                IntVector.fromArray(I, out, o + h).add(bits.sub(MAGIC_BITS)).intoArray(out, o + h);
            }
        }
    }
}
