package org.sasim.simulator.vector;

/** {@link LaneLoops} as plain Java loops, one element at a time: the definition the SIMD loops must match. */
final class ScalarLaneLoops implements LaneLoops {
    @Override
    public void relu(float[] x, float[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = ElementwiseKernels.reluOf(x[i]);
        }
    }

    @Override
    public void relu(byte[] x, byte[] y, int from, int to) {
        for (int i = from; i < to; i++) {
            y[i] = (byte) Math.max(x[i], 0); // a max, not a branch on a sign in no pattern
        }
    }

    @Override
    public void scaleShift(float[] x, float[] y, int from, int to, float scale, float shift) {
        for (int i = from; i < to; i++) {
            y[i] = x[i] * scale + shift;
        }
    }

    @Override
    public void max(float[] m, int mOff, float[] v, int vOff, int count) {
        for (int j = 0; j < count; j++) {
            m[mOff + j] = PoolingKernels.maxOf(m[mOff + j], v[vOff + j]);
        }
    }

    @Override
    public void max(byte[] m, int mOff, byte[] v, int vOff, int count) {
        for (int j = 0; j < count; j++) {
            m[mOff + j] = (byte) Math.max(m[mOff + j], v[vOff + j]);
        }
    }

    @Override
    public void rescale(byte[] x, int xOff, int[] sum, int count, boolean accumulate, int[] table, int multiplier,
                        int right) {
        for (int j = 0; j < count; j++) {
            int t = table[x[xOff + j] - Byte.MIN_VALUE];
            sum[j] = accumulate ? sum[j] + t : t;
        }
    }

    @Override
    public void requantizeDown(int[] acc, int accFrom, byte[] y, int yFrom, int count, int multiplier, int right) {
        for (int j = 0; j < count; j++) {
            y[yFrom + j] = Int8Kernels.requantizeDown(acc[accFrom + j], multiplier, right);
        }
    }
}
