package org.sasim.simulator.compute;

import java.util.Arrays;

/**
 * The GEMM operand spread across vector lanes, {@code v[k][p]} for one group and image, packed on demand into
 * panels {@code width} columns wide: {@code dst[dOff + (k - k0) * width + j] = v[k][p0 + j]}, zero past the last
 * column. Packing a panel at a time keeps a conv's im2col matrix from ever being built in full.
 */
sealed interface LaneOperand permits LaneOperand.Im2col, LaneOperand.Transposed, LaneOperand.RowMajor {

    /** Packs rows {@code [k0, k1)}, columns {@code [p0, p0 + width)} of group {@code group}, image {@code image}. */
    void pack(int group, int image, int p0, int k0, int k1, float[] dst, int dOff, int width);

    /**
     * A conv input seen as its im2col matrix (PyTorch semantics): {@code v[k][p]} with k = (c, kh, kw) within the
     * group and p = (oh, ow) within one image of the batch, zero where the window hangs over the padding.
     *
     * @param x NCHW input values
     */
    record Im2col(float[] x, int channels, int channelsPerGroup, int inH, int inW, int outH, int outW, int kernelH,
                  int kernelW, int strideH, int strideW, int padH, int padW, int dilationH, int dilationW)
            implements LaneOperand {
        @Override
        public void pack(int group, int image, int p0, int k0, int k1, float[] dst, int dOff, int width) {
            int taps = kernelH * kernelW;
            int valid = Math.min(width, outH * outW - p0);
            for (int k = k0; k < k1; k++) {
                int ci = k / taps;
                int r = (k % taps) / kernelW;
                int s = k % kernelW;
                int plane = ((image * channels) + group * channelsPerGroup + ci) * inH * inW;
                int d = dOff + (k - k0) * width;
                int j = 0;
                int p = p0;
                while (j < valid) {
                    int oh = p / outW;
                    int ow = p - oh * outW;
                    int len = Math.min(valid - j, outW - ow);
                    int ih = oh * strideH - padH + r * dilationH;
                    if (ih < 0 || ih >= inH) {
                        Arrays.fill(dst, d + j, d + j + len, 0f);
                    } else {
                        int row = plane + ih * inW;
                        int iw0 = ow * strideW - padW + s * dilationW;
                        if (strideW == 1) {
                            int lo = Math.min(len, Math.max(0, -iw0));
                            int hi = Math.max(lo, Math.min(len, inW - iw0));
                            Arrays.fill(dst, d + j, d + j + lo, 0f);
                            if (hi > lo) {
                                System.arraycopy(x, row + iw0 + lo, dst, d + j + lo, hi - lo);
                            }
                            Arrays.fill(dst, d + j + hi, d + j + len, 0f);
                        } else {
                            for (int t = 0; t < len; t++) {
                                int iw = iw0 + t * strideW;
                                dst[d + j + t] = iw < 0 || iw >= inW ? 0f : x[row + iw];
                            }
                        }
                    }
                    j += len;
                    p += len;
                }
                Arrays.fill(dst, d + valid, d + width, 0f);
            }
        }
    }

    /**
     * A row-major matrix read transposed, {@code v[k][p] = w[p][k]}: a linear layer's (out, in) weights with the
     * output features across the lanes.
     *
     * @param w     {@code rows x depth} values, row-major
     * @param rows  rows of w (columns p of v)
     * @param depth row length of w (k)
     */
    record Transposed(float[] w, int rows, int depth) implements LaneOperand {
        @Override
        public void pack(int group, int image, int p0, int k0, int k1, float[] dst, int dOff, int width) {
            int valid = Math.min(width, rows - p0);
            for (int j = 0; j < width; j++) {
                if (j < valid) {
                    int src = (p0 + j) * depth;
                    for (int k = k0; k < k1; k++) {
                        dst[dOff + (k - k0) * width + j] = w[src + k];
                    }
                } else {
                    for (int k = k0; k < k1; k++) {
                        dst[dOff + (k - k0) * width + j] = 0f;
                    }
                }
            }
        }
    }

    /**
     * A GEMM's B operand as stored, {@code v[k][p] = b[group][k][p]}.
     *
     * @param b     {@code groups x depth x cols} values, row-major
     * @param depth rows per group (k)
     * @param cols  columns (p)
     */
    record RowMajor(float[] b, int depth, int cols) implements LaneOperand {
        @Override
        public void pack(int group, int image, int p0, int k0, int k1, float[] dst, int dOff, int width) {
            int valid = Math.min(width, cols - p0);
            int base = group * depth * cols + p0;
            for (int k = k0; k < k1; k++) {
                int d = dOff + (k - k0) * width;
                System.arraycopy(b, base + k * cols, dst, d, valid);
                Arrays.fill(dst, d + valid, d + width, 0f);
            }
        }
    }
}
