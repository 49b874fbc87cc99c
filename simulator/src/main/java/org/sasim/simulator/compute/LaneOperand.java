package org.sasim.simulator.compute;

import java.util.Arrays;

/**
 * The GEMM operand spread across vector lanes, {@code v[k][p]} for one group and image, packed on demand a block of
 * columns at a time: {@code dst[dOff + (k - k0) * dRow + j] = v[k][p0 + j]} for {@code j < cols}, zero past the
 * last column. Packing a block at a time keeps a conv's im2col matrix from ever being built in full; the kernel reads
 * a panel of a block as {@code lanes()} columns of each packed row.
 */
sealed interface LaneOperand permits LaneOperand.Im2col, LaneOperand.Transposed, LaneOperand.RowMajor {

    /**
     * Packs rows {@code [k0, k1)}, columns {@code [p0, p0 + cols)} of group {@code group}, image {@code image}, row
     * k at {@code dst[dOff + (k - k0) * dRow]}.
     */
    void pack(int group, int image, int p0, int cols, int k0, int k1, float[] dst, int dOff, int dRow);

    /**
     * A conv input seen as its im2col matrix (PyTorch semantics): {@code v[k][p]} with k = (c, kh, kw) within the
     * group and p = (oh, ow) within one image of the batch, zero where the window hangs over the padding.
     *
     * @param x NCHW input values
     */
    record Im2col(float[] x, int channels, int channelsPerGroup, int inH, int inW, int outH, int outW, int kernelH,
                  int kernelW, int strideH, int strideW, int padH, int padW, int dilationH, int dilationW)
            implements LaneOperand {
        /**
         * k outermost: each packed row is the block's run of output pixels, one copy per output row it spans (one
         * for a 224-wide row of panels), read from the input row by row as the hardware prefetcher follows it.
         */
        @Override
        public void pack(int group, int image, int p0, int cols, int k0, int k1, float[] dst, int dOff, int dRow) {
            int taps = kernelH * kernelW;
            int valid = Math.max(0, Math.min(cols, outH * outW - p0));
            int oh0 = p0 / outW;
            int ow0 = p0 - oh0 * outW;
            // a 1x1, stride-1, unpadded window reads the input plane as it is
            boolean pointwise = taps == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0;
            int ci = k0 / taps;
            int r = (k0 % taps) / kernelW;
            int s = k0 % kernelW;
            for (int k = k0; k < k1; k++) {
                int plane = ((image * channels) + group * channelsPerGroup + ci) * inH * inW;
                int d = dOff + (k - k0) * dRow;
                if (pointwise) {
                    System.arraycopy(x, plane + p0, dst, d, valid);
                } else {
                    row(plane, r, s, oh0, ow0, valid, dst, d);
                }
                Arrays.fill(dst, d + valid, d + cols, 0f);
                if (++s == kernelW) {
                    s = 0;
                    if (++r == kernelH) {
                        r = 0;
                        ci++;
                    }
                }
            }
        }

        /**
         * {@code valid} output pixels from (oh0, ow0) of the im2col row of window tap (kr, ks) of input plane
         * {@code plane}, at dst[d]: per output row one copy of the input row's run, padding as zeros.
         */
        private void row(int plane, int kr, int ks, int oh0, int ow0, int valid, float[] dst, int d) {
            int j = 0;
            int oh = oh0;
            int ow = ow0;
            while (j < valid) {
                int len = Math.min(valid - j, outW - ow);
                int ih = oh * strideH - padH + kr * dilationH;
                if (ih < 0 || ih >= inH) {
                    Arrays.fill(dst, d + j, d + j + len, 0f);
                } else {
                    int src = plane + ih * inW;
                    int iw0 = ow * strideW - padW + ks * dilationW;
                    if (strideW == 1) {
                        int lo = Math.min(len, Math.max(0, -iw0));
                        int hi = Math.max(lo, Math.min(len, inW - iw0));
                        // the edges are a pixel or two of padding: plain loops, not a fill call each
                        for (int t = j; t < j + lo; t++) {
                            dst[d + t] = 0f;
                        }
                        if (hi > lo) {
                            System.arraycopy(x, src + iw0 + lo, dst, d + j + lo, hi - lo);
                        }
                        for (int t = j + hi; t < j + len; t++) {
                            dst[d + t] = 0f;
                        }
                    } else {
                        for (int t = 0; t < len; t++) {
                            int iw = iw0 + t * strideW;
                            dst[d + j + t] = iw < 0 || iw >= inW ? 0f : x[src + iw];
                        }
                    }
                }
                j += len;
                // the run goes on at the start of the next output row
                oh++;
                ow = 0;
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
        public void pack(int group, int image, int p0, int cols, int k0, int k1, float[] dst, int dOff, int dRow) {
            int valid = Math.max(0, Math.min(cols, rows - p0));
            // 16 k (one cache line of a row of w) at a time: rows of w lie depth floats apart, often a multiple of
            // 4 KB, so walking down a column would thrash one L1 set
            for (int kb = k0; kb < k1; kb += 16) {
                int ke = Math.min(k1, kb + 16);
                for (int j = 0; j < valid; j++) {
                    int src = (p0 + j) * depth;
                    for (int k = kb; k < ke; k++) {
                        dst[dOff + (k - k0) * dRow + j] = w[src + k];
                    }
                }
            }
            for (int k = k0; k < k1; k++) {
                int d = dOff + (k - k0) * dRow;
                Arrays.fill(dst, d + valid, d + cols, 0f);
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
        public void pack(int group, int image, int p0, int width, int k0, int k1, float[] dst, int dOff, int dRow) {
            int valid = Math.max(0, Math.min(width, cols - p0));
            int base = group * depth * cols + p0;
            for (int k = k0; k < k1; k++) {
                int d = dOff + (k - k0) * dRow;
                System.arraycopy(b, base + k * cols, dst, d, valid);
                Arrays.fill(dst, d + valid, d + width, 0f);
            }
        }
    }
}
