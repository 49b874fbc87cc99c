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
     * {@code panels} consecutive panels from column p0, each packed as by {@link #pack} and placed
     * {@code (k1 - k0) * width} words after the one before.
     */
    default void packPanels(int group, int image, int p0, int panels, int k0, int k1, float[] dst, int dOff,
                            int width) {
        for (int i = 0; i < panels; i++) {
            pack(group, image, p0 + i * width, k0, k1, dst, dOff + i * (k1 - k0) * width, width);
        }
    }

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
            packPanels(group, image, p0, 1, k0, k1, dst, dOff, width);
        }

        /**
         * k outermost: each input row a window row reads is copied into all the panels in turn, so the block reads
         * the input row by row, as the hardware prefetcher follows it, instead of a few words of many rows at a time.
         */
        @Override
        public void packPanels(int group, int image, int p0, int panels, int k0, int k1, float[] dst, int dOff,
                               int width) {
            int taps = kernelH * kernelW;
            int kl = k1 - k0;
            int ci = k0 / taps;
            int r = (k0 % taps) / kernelW;
            int s = k0 % kernelW;
            for (int k = k0; k < k1; k++) {
                int plane = ((image * channels) + group * channelsPerGroup + ci) * inH * inW;
                int kr = r;
                int ks = s;
                if (++s == kernelW) {
                    s = 0;
                    if (++r == kernelH) {
                        r = 0;
                        ci++;
                    }
                }
                int oh0 = p0 / outW;
                int ow0 = p0 - oh0 * outW;
                int d = dOff + (k - k0) * width;
                for (int i = 0; i < panels; i++, d += kl * width) {
                    row(plane, kr, ks, p0 + i * width, oh0, ow0, dst, d, width);
                    ow0 += width;
                    while (ow0 >= outW) {
                        ow0 -= outW;
                        oh0++;
                    }
                }
            }
        }

        /** Row k (window tap (kr, ks) of input plane {@code plane}) of the panel at p0 = (oh0, ow0), at dst[d]. */
        private void row(int plane, int kr, int ks, int p0, int oh0, int ow0, float[] dst, int d, int width) {
            int valid = Math.min(width, outH * outW - p0);
            // a 1x1, stride-1, unpadded window reads the input plane as it is
            if (kernelH == 1 && kernelW == 1 && strideH == 1 && strideW == 1 && padH == 0 && padW == 0) {
                System.arraycopy(x, plane + p0, dst, d, valid);
                Arrays.fill(dst, d + valid, d + width, 0f);
                return;
            }
            // a full panel inside one output row of a stride-1 conv whose window row and columns fall inside the
            // input reads one run of an input row: one copy, no division, no padding to fill
            if (strideW == 1 && valid == width && ow0 + width <= outW) {
                int ih = oh0 * strideH - padH + kr * dilationH;
                int iw = ow0 - padW + ks * dilationW;
                if (ih >= 0 && ih < inH && iw >= 0 && iw + width <= inW) {
                    System.arraycopy(x, plane + ih * inW + iw, dst, d, width);
                    return;
                }
            }
            int j = 0;
            int oh = oh0;
            int ow = ow0;
            while (j < valid) {
                int len = Math.min(valid - j, outW - ow);
                int ih = oh * strideH - padH + kr * dilationH;
                if (ih < 0 || ih >= inH) {
                    Arrays.fill(dst, d + j, d + j + len, 0f);
                } else {
                    int row = plane + ih * inW;
                    int iw0 = ow * strideW - padW + ks * dilationW;
                    if (strideW == 1) {
                        int lo = Math.min(len, Math.max(0, -iw0));
                        int hi = Math.max(lo, Math.min(len, inW - iw0));
                        // the edges are a pixel or two of padding: plain loops, not a fill call each
                        for (int t = j; t < j + lo; t++) {
                            dst[d + t] = 0f;
                        }
                        if (hi > lo) {
                            System.arraycopy(x, row + iw0 + lo, dst, d + j + lo, hi - lo);
                        }
                        for (int t = j + hi; t < j + len; t++) {
                            dst[d + t] = 0f;
                        }
                    } else {
                        for (int t = 0; t < len; t++) {
                            int iw = iw0 + t * strideW;
                            dst[d + j + t] = iw < 0 || iw >= inW ? 0f : x[row + iw];
                        }
                    }
                }
                j += len;
                // the panel goes on at the start of the next output row
                oh++;
                ow = 0;
            }
            Arrays.fill(dst, d + valid, d + width, 0f);
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
            // 16 k (one cache line of a row of w) at a time: rows of w lie depth floats apart, often a multiple of
            // 4 KB, so walking down a column would thrash one L1 set
            for (int kb = k0; kb < k1; kb += 16) {
                int ke = Math.min(k1, kb + 16);
                for (int j = 0; j < valid; j++) {
                    int src = (p0 + j) * depth;
                    for (int k = kb; k < ke; k++) {
                        dst[dOff + (k - k0) * width + j] = w[src + k];
                    }
                }
            }
            for (int k = k0; k < k1; k++) {
                int d = dOff + (k - k0) * width;
                Arrays.fill(dst, d + valid, d + width, 0f);
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
