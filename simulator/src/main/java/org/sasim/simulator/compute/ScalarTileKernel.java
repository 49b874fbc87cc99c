package org.sasim.simulator.compute;

/**
 * {@link TileKernel} in plain Java, for JVMs without the {@code jdk.incubator.vector} module: the same arithmetic,
 * output by output, so it gives the same bits as {@link VectorTileKernel}.
 */
final class ScalarTileKernel implements TileKernel {
    private final int lanes;

    /** A kernel for panels {@code lanes} columns wide. */
    ScalarTileKernel(int lanes) {
        if (lanes <= 0) {
            throw new IllegalArgumentException("lanes must be positive, got " + lanes);
        }
        this.lanes = lanes;
    }

    @Override
    public int lanes() {
        return lanes;
    }

    @Override
    public void tile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init,
                     int iOff, int ild, float[] out, int oOff, int ldo) {
        for (int c = 0; c < ROWS; c++) {
            row(u, uOff + c * uRow, v, vOff, vRow, depth, init, iOff + c * ild, out, oOff + c * ldo);
        }
    }

    @Override
    public void exactTile(float[] u, int uOff, int uRow, float[] v, int vOff, int vRow, int depth, float[] init,
                          int iOff, int ild, float[] out, int oOff, int ldo) {
        tile(u, uOff, uRow, v, vOff, vRow, depth, init, iOff, ild, out, oOff, ldo);
    }

    @Override
    public void row(float[] u, int uOff, float[] v, int vOff, int vRow, int depth, float[] init, int iOff, float[] out,
                    int oOff) {
        float[] a = new float[lanes];
        System.arraycopy(init, iOff, a, 0, lanes);
        for (int k = 0; k < depth; k++) {
            float x = u[uOff + k];
            int vk = vOff + k * vRow;
            for (int p = 0; p < lanes; p++) {
                a[p] = a[p] + x * v[vk + p];
            }
        }
        System.arraycopy(a, 0, out, oOff, lanes);
    }

    @Override
    public void addRows(float[] psum, int rows, float[] out, int oOff, int ldo) {
        for (int c = 0; c < rows; c++) {
            for (int p = 0; p < lanes; p++) {
                out[oOff + c * ldo + p] = out[oOff + c * ldo + p] + psum[c * lanes + p];
            }
        }
    }

    @Override
    public void addRows(float[] psum, int rows, int[] out, int oOff, int ldo) {
        for (int c = 0; c < rows; c++) {
            for (int p = 0; p < lanes; p++) {
                out[oOff + c * ldo + p] += (int) psum[c * lanes + p];
            }
        }
    }

    @Override
    public void int8Dots(float[] x, int xOff, byte[] w, int wOff, int wStride, int depth, int rows, int[] out,
                         int oOff) {
        for (int r = 0; r < rows; r++) {
            int s = 0;
            for (int k = 0; k < depth; k++) {
                s += (int) x[xOff + k] * w[wOff + r * wStride + k];
            }
            out[oOff + r] = s;
        }
    }

    @Override
    public void widen(byte[] src, float[] dst, int from, int to) {
        for (int i = from; i < to; i++) {
            dst[i] = src[i];
        }
    }
}
