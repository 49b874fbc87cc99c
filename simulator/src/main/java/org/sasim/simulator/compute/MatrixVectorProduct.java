package org.sasim.simulator.compute;

import java.util.Arrays;

/**
 * A linear layer with few input rows (batch-1 inference): {@code out[j][c] = sum_k x[j][k] * w[c][k]}, every output
 * the dot product of an input row and a weight row, both read in place. The whole cost is streaming the weights once
 * (VGG-16's first classifier layer holds 411 MB of them); a register tile 32 outputs wide would leave 31 of its 32
 * lanes idle, so here eight weight rows are eight independent scalar chains sharing each load of x.
 *
 * <p>Accumulation order is the PEs' (see {@link FastGemm}): with {@code chunk >= depth} each output is one running
 * sum {@code ((0 + x0*w0) + x1*w1) + ...} over k ascending; with a smaller chunk (weight- and input-stationary row
 * folds) each chunk's partial sum starts at +0 and the output is {@code ((0 + psum0) + psum1) + ...}. Products and
 * sums are each rounded to fp32 (Java never fuses them). int8 sums are exact int32 with wrap-around (on the
 * {@link TileKernel}'s lanes, see {@link TileKernel#int8Dots}). Each output is
 * computed by one task, so results do not depend on the thread count.
 */
final class MatrixVectorProduct {
    /** Weight rows per task step: eight independent accumulation chains. */
    private static final int ROWS = 8;

    private final int inputRows;
    private final int outputs;
    private final int depth;

    /**
     * @param inputRows rows of x (the batch)
     * @param outputs   rows of w (output features)
     * @param depth     row length of x and w (input features)
     */
    MatrixVectorProduct(int inputRows, int outputs, int depth) {
        if (inputRows <= 0 || outputs <= 0 || depth <= 0) {
            throw new IllegalArgumentException("matrix-vector product needs positive extents, got " + inputRows
                    + " x " + outputs + " x " + depth);
        }
        this.inputRows = inputRows;
        this.outputs = outputs;
        this.depth = depth;
    }

    /**
     * fp32 products, {@code inputRows x outputs} row-major; with {@code bf16Weights} every weight is rounded to
     * bfloat16 as it is read (x is expected already rounded).
     */
    float[] floats(float[] x, float[] w, boolean bf16Weights, int chunk, GemmWorkers workers) {
        float[] out = new float[inputRows * outputs];
        int step = Math.min(chunk, depth);
        workers.forEachRange(ceilDiv(outputs, ROWS), (from, to) -> {
            // bf16: a row block's weights rounded once into scratch, then used for every input row
            float[] rounded = bf16Weights ? new float[ROWS * depth] : null;
            float[] acc = new float[ROWS];
            for (int tb = from; tb < to; tb++) {
                int c0 = tb * ROWS;
                int rows = Math.min(ROWS, outputs - c0);
                float[] src = w;
                int base = c0 * depth;
                if (bf16Weights) {
                    for (int i = 0; i < rows * depth; i++) {
                        rounded[i] = Float.intBitsToFloat(GemmOperands.roundToBf16Bits(w[base + i]));
                    }
                    src = rounded;
                    base = 0;
                }
                for (int j = 0; j < inputRows; j++) {
                    Arrays.fill(acc, 0f);
                    for (int k0 = 0; k0 < depth; k0 += step) {
                        int k1 = Math.min(depth, k0 + step);
                        if (rows == ROWS) {
                            chunkOfEight(x, j * depth, src, base, k0, k1, acc, step < depth);
                        } else {
                            for (int r = 0; r < rows; r++) {
                                float p = dot(x, j * depth, src, base + r * depth, k0, k1);
                                acc[r] = step < depth ? acc[r] + p : p;
                            }
                        }
                    }
                    System.arraycopy(acc, 0, out, j * outputs + c0, rows);
                }
            }
        });
        return out;
    }

    /**
     * Exact int32 (wrapping) products of int8 operands, {@code inputRows x outputs} row-major: the kernel's int8
     * dot products, eight weight rows at a time (x widened to floats once, the weights read as bytes in place).
     */
    int[] ints(byte[] x, byte[] w, TileKernel kernel, GemmWorkers workers) {
        int[] out = new int[inputRows * outputs];
        float[] xf = new float[x.length];
        kernel.widen(x, xf, 0, x.length);
        workers.forEachRange(ceilDiv(outputs, ROWS), (from, to) -> {
            for (int tb = from; tb < to; tb++) {
                int c0 = tb * ROWS;
                int rows = Math.min(ROWS, outputs - c0);
                for (int j = 0; j < inputRows; j++) {
                    kernel.int8Dots(xf, j * depth, w, c0 * depth, depth, depth, rows, out, j * outputs + c0);
                }
            }
        });
        return out;
    }

    /** {@code ((0 + x[k0]*w[k0]) + ...)} over {@code [k0, k1)} of one weight row. */
    private static float dot(float[] x, int xOff, float[] w, int wOff, int k0, int k1) {
        float s = 0f;
        for (int k = k0; k < k1; k++) {
            s = s + x[xOff + k] * w[wOff + k];
        }
        return s;
    }

    /**
     * Eight rows' sums over {@code [k0, k1)} as eight interleaved chains; the sums replace {@code acc}, or are added
     * to it ({@code acc + psum}) when {@code chunked}.
     */
    private void chunkOfEight(float[] x, int xOff, float[] w, int base, int k0, int k1, float[] acc,
                              boolean chunked) {
        int o0 = base;
        int o1 = o0 + depth;
        int o2 = o1 + depth;
        int o3 = o2 + depth;
        int o4 = o3 + depth;
        int o5 = o4 + depth;
        int o6 = o5 + depth;
        int o7 = o6 + depth;
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        float s4 = 0f;
        float s5 = 0f;
        float s6 = 0f;
        float s7 = 0f;
        for (int k = k0; k < k1; k++) {
            float xv = x[xOff + k];
            s0 = s0 + xv * w[o0 + k];
            s1 = s1 + xv * w[o1 + k];
            s2 = s2 + xv * w[o2 + k];
            s3 = s3 + xv * w[o3 + k];
            s4 = s4 + xv * w[o4 + k];
            s5 = s5 + xv * w[o5 + k];
            s6 = s6 + xv * w[o6 + k];
            s7 = s7 + xv * w[o7 + k];
        }
        if (chunked) {
            acc[0] = acc[0] + s0;
            acc[1] = acc[1] + s1;
            acc[2] = acc[2] + s2;
            acc[3] = acc[3] + s3;
            acc[4] = acc[4] + s4;
            acc[5] = acc[5] + s5;
            acc[6] = acc[6] + s6;
            acc[7] = acc[7] + s7;
        } else {
            acc[0] = s0;
            acc[1] = s1;
            acc[2] = s2;
            acc[3] = s3;
            acc[4] = s4;
            acc[5] = s5;
            acc[6] = s6;
            acc[7] = s7;
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }
}
