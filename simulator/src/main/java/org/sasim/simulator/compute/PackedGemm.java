package org.sasim.simulator.compute;

/**
 * One layer's arithmetic as {@code groups x images} products {@code out[c][p] = sum_k u[c][k] * v[k][p]}, computed
 * tile by tile by a {@link TileKernel} from packed panels: u (row-major {@code [group][c][k]}) is packed once into
 * {@link TileKernel#ROWS}-row interleaved panels; v is packed per task, a block of k at a time, into panels of the
 * kernel's lane width, so only a cache-sized piece of it exists at once. Output element (group, image, c, p) is at
 * {@code group*groupStride + image*imageStride + c*rowStride + p}.
 *
 * <p>Accumulation order (what makes the bits equal the PE engines'): {@code chunk >= depth} (output-stationary):
 * each output is one running sum over k ascending, kept in the output array between k-blocks (a float store and
 * reload is exact). {@code chunk < depth} (weight- and input-stationary, chunk = the array's rows): k is cut into
 * chunks starting at multiples of {@code chunk}; each chunk's partial sum starts at +0 and is added to the output
 * ({@code out + psum}) in chunk order; k-blocks hold whole chunks. int8 sums are exact, so any order gives the same
 * int32.
 */
final class PackedGemm {
    /** Target k-block depth: a {@code ROWS x depth} u panel stays in L1, the v block in L2. */
    private static final int K_BLOCK = 256;
    /** Target v-block size in floats (256 KB). */
    private static final int V_BLOCK_FLOATS = 64 * 1024;

    private final int groups;
    private final int images;
    private final int rows;
    private final int width;
    private final int depth;
    private final float[] u;
    private final LaneOperand v;
    private final int groupStride;
    private final int imageStride;
    private final int rowStride;
    private final int outWords;

    /**
     * @param groups      independent products sharing nothing (conv groups)
     * @param images      products per group sharing u (the batch of a conv)
     * @param rows        c extent (output channels of a conv)
     * @param width       p extent per image (output pixels of a conv)
     * @param depth       k extent
     * @param u           {@code groups x rows x depth} values, row-major
     * @param v           the lane operand
     * @param groupStride output words between groups
     * @param imageStride output words between images
     * @param rowStride   output words between rows c
     * @param outWords    size of the output array
     */
    PackedGemm(int groups, int images, int rows, int width, int depth, float[] u, LaneOperand v, int groupStride,
               int imageStride, int rowStride, int outWords) {
        this.groups = groups;
        this.images = images;
        this.rows = rows;
        this.width = width;
        this.depth = depth;
        this.u = u;
        this.v = v;
        this.groupStride = groupStride;
        this.imageStride = imageStride;
        this.rowStride = rowStride;
        this.outWords = outWords;
    }

    /** fp32 products accumulated in chunks of {@code chunk} k (see the class comment). */
    float[] floats(GemmWorkers workers, TileKernel kernel, int chunk) {
        float[] out = new float[outWords];
        run(workers, kernel, chunk, out, null);
        return out;
    }

    /** Exact int32 (wrapping) products of integer operands held in floats (int8 values). */
    int[] ints(GemmWorkers workers, TileKernel kernel) {
        int[] out = new int[outWords];
        run(workers, kernel, depth, null, out);
        return out;
    }

    private void run(GemmWorkers workers, TileKernel kernel, int chunk, float[] fout, int[] iout) {
        final boolean ints = iout != null;
        final boolean chunked = !ints && chunk < depth;
        final int lanes = kernel.lanes();
        final int rowTiles = (rows + TileKernel.ROWS - 1) / TileKernel.ROWS;
        final int kBlock;
        if (chunked) {
            kBlock = Math.min(chunk >= K_BLOCK ? chunk : chunk * (K_BLOCK / chunk), roundUp(depth, chunk));
        } else {
            kBlock = Math.min(depth, ints ? Math.min(K_BLOCK, TileKernel.MAX_EXACT_INT_DEPTH) : K_BLOCK);
        }
        final int panels = (width + lanes - 1) / lanes;
        final int panelsPerBlock = Math.max(1, Math.min(panels, V_BLOCK_FLOATS / (kBlock * lanes)));
        final int pBlocks = (panels + panelsPerBlock - 1) / panelsPerBlock;
        final int pTasks = groups * images * pBlocks;
        // split the rows too when there are too few pixel blocks to keep every thread busy
        final int rowBlocks = Math.min(rowTiles, Math.max(1, ceilDiv(4 * workers.threads(), pTasks)));
        final int tasks = pTasks * rowBlocks;

        final float[] packedU = new float[groups * rowTiles * depth * TileKernel.ROWS];
        workers.forEachRange(groups * rowTiles, (from, to) -> {
            for (int t = from; t < to; t++) {
                packRows(t / rowTiles, t % rowTiles, rowTiles, packedU);
            }
        });

        workers.forEachRange(tasks, (from, to) -> {
            float[] vbuf = new float[panelsPerBlock * kBlock * lanes];
            Scratch sc = new Scratch(TileKernel.ROWS * lanes);
            for (int t = from; t < to; t++) {
                int pt = t / rowBlocks;
                int rb = t % rowBlocks;
                int g = pt / (images * pBlocks);
                int img = (pt / pBlocks) % images;
                int pb = pt % pBlocks;
                int pm0 = pb * panelsPerBlock;
                int pm1 = Math.min(panels, pm0 + panelsPerBlock);
                int rt0 = (int) ((long) rowTiles * rb / rowBlocks);
                int rt1 = (int) ((long) rowTiles * (rb + 1) / rowBlocks);
                for (int k0 = 0; k0 < depth; k0 += kBlock) {
                    int k1 = Math.min(depth, k0 + kBlock);
                    int kl = k1 - k0;
                    for (int pm = pm0; pm < pm1; pm++) {
                        v.pack(g, img, pm * lanes, k0, k1, vbuf, (pm - pm0) * kl * lanes, lanes);
                    }
                    for (int rt = rt0; rt < rt1; rt++) {
                        int c0 = rt * TileKernel.ROWS;
                        int live = Math.min(TileKernel.ROWS, rows - c0);
                        int uOff = ((g * rowTiles + rt) * depth + k0) * TileKernel.ROWS;
                        for (int pm = pm0; pm < pm1; pm++) {
                            int p0 = pm * lanes;
                            int cols = Math.min(lanes, width - p0);
                            int vOff = (pm - pm0) * kl * lanes;
                            int oOff = g * groupStride + img * imageStride + c0 * rowStride + p0;
                            if (cols == lanes) {
                                tile(kernel, sc, packedU, uOff, vbuf, vOff, k0, kl, chunk, chunked, live,
                                        fout, iout, oOff, rowStride);
                            } else {
                                // a partial panel goes through a full-width scratch tile
                                for (int c = 0; c < live; c++) {
                                    if (ints) {
                                        System.arraycopy(iout, oOff + c * rowStride, sc.itile, c * lanes, cols);
                                    } else {
                                        System.arraycopy(fout, oOff + c * rowStride, sc.ftile, c * lanes, cols);
                                    }
                                }
                                tile(kernel, sc, packedU, uOff, vbuf, vOff, k0, kl, chunk, chunked, live,
                                        ints ? null : sc.ftile, ints ? sc.itile : null, 0, lanes);
                                for (int c = 0; c < live; c++) {
                                    if (ints) {
                                        System.arraycopy(sc.itile, c * lanes, iout, oOff + c * rowStride, cols);
                                    } else {
                                        System.arraycopy(sc.ftile, c * lanes, fout, oOff + c * rowStride, cols);
                                    }
                                }
                            }
                        }
                    }
                }
            }
        });
    }

    /** Per-thread scratch tiles: partial panels, partial sums, and +0 to start partial sums from. */
    private static final class Scratch {
        final float[] ftile;
        final int[] itile;
        final float[] psum;
        final float[] zeros;

        Scratch(int words) {
            ftile = new float[words];
            itile = new int[words];
            psum = new float[words];
            zeros = new float[words];
        }
    }

    /** One k-block of one tile: {@code live} rows, split at chunk boundaries when chunked. */
    private static void tile(TileKernel kernel, Scratch sc, float[] u, int uOff, float[] v, int vOff, int k0, int kl,
                             int chunk, boolean chunked, int live, float[] fout, int[] iout, int oOff, int ldo) {
        int lanes = kernel.lanes();
        if (iout != null) {
            // the block's exact integer sums, then added to the int32 outputs
            if (live == TileKernel.ROWS) {
                kernel.exactTile(u, uOff, v, vOff, kl, sc.zeros, 0, lanes, sc.psum, 0, lanes);
            } else {
                for (int c = 0; c < live; c++) {
                    kernel.row(u, uOff + c, v, vOff, kl, sc.zeros, 0, sc.psum, c * lanes);
                }
            }
            kernel.addRows(sc.psum, live, iout, oOff, ldo);
            return;
        }
        if (!chunked) {
            // one running sum per output, continued from the words already in out (+0 at first)
            if (live == TileKernel.ROWS) {
                kernel.tile(u, uOff, v, vOff, kl, fout, oOff, ldo, fout, oOff, ldo);
            } else {
                for (int c = 0; c < live; c++) {
                    kernel.row(u, uOff + c, v, vOff, kl, fout, oOff + c * ldo, fout, oOff + c * ldo);
                }
            }
            return;
        }
        int s0 = 0;
        while (s0 < kl) {
            // one row fold: a partial sum from +0, then out + psum
            int len = Math.min(kl, s0 + chunk - (k0 + s0) % chunk) - s0;
            int su = uOff + s0 * TileKernel.ROWS;
            int sv = vOff + s0 * lanes;
            if (live == TileKernel.ROWS) {
                kernel.tile(u, su, v, sv, len, sc.zeros, 0, lanes, sc.psum, 0, lanes);
            } else {
                for (int c = 0; c < live; c++) {
                    kernel.row(u, su + c, v, sv, len, sc.zeros, 0, sc.psum, c * lanes);
                }
            }
            kernel.addRows(sc.psum, live, fout, oOff, ldo);
            s0 += len;
        }
    }

    /** Interleaves rows {@code [rt*ROWS, rt*ROWS + ROWS)} of group g: {@code dst[...][k][c]}, zero rows past the end. */
    private void packRows(int g, int rt, int rowTiles, float[] dst) {
        int base = (g * rowTiles + rt) * depth * TileKernel.ROWS;
        int c0 = rt * TileKernel.ROWS;
        for (int c = 0; c < TileKernel.ROWS; c++) {
            if (c0 + c >= rows) {
                continue; // the array is zero already
            }
            int src = (g * rows + c0 + c) * depth;
            for (int k = 0; k < depth; k++) {
                dst[base + k * TileKernel.ROWS + c] = u[src + k];
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
