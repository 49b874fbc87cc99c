package org.sasim.simulator.compute;

/**
 * One layer's arithmetic as {@code groups x images} products {@code out[c][p] = sum_k u[c][k] * v[k][p]}, computed
 * tile by tile by a {@link TileKernel}. u is row-major {@code [group][c][k]} (a conv's OIHW weights as they are):
 * a task copies its rows one k-block at a time, or reads them in place when only a panel or two would reuse the
 * copy. v is packed a block of pixels (several panels of the kernel's lane width) and a block of k at a time, each
 * packed row the block's pixels side by side (a panel is lanes() columns of it), so only a cache-sized piece of a
 * conv's im2col exists at once and a row of it is copied in one run; when there are too few pixel blocks to keep every
 * thread busy the rows are split over tasks too, and then v is packed once, shared, instead of once per task. Loop
 * order (outer to inner): k-block, v panel, row tile, so a panel stays in L1 while the row tiles sweep over it.
 * Output element (group, image, c, p) is at {@code group*groupStride + image*imageStride + c*rowStride +
 * p*laneStride}.
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
    /** Most panels per block for which fp32 u is read in place rather than packed. */
    private static final int DIRECT_U_PANELS = 2;
    /** Largest v packed once for all tasks (32 MB); above it each task packs its own blocks. */
    private static final int SHARED_V_FLOATS = 8 * 1024 * 1024;

    private final int groups;
    private final int images;
    private final int rows;
    private final int width;
    private final int depth;
    private final float[] u;
    private final boolean bf16Rows;
    private final LaneOperand v;
    private final int groupStride;
    private final int imageStride;
    private final int rowStride;
    private final int laneStride;
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
     * @param laneStride  output words between columns p (1: a tile row is stored as it is)
     * @param outWords    size of the output array
     */
    PackedGemm(int groups, int images, int rows, int width, int depth, float[] u, LaneOperand v, int groupStride,
               int imageStride, int rowStride, int laneStride, int outWords) {
        this(groups, images, rows, width, depth, u, false, v, groupStride, imageStride, rowStride, laneStride,
                outWords);
    }

    private PackedGemm(int groups, int images, int rows, int width, int depth, float[] u, boolean bf16Rows,
                       LaneOperand v, int groupStride, int imageStride, int rowStride, int laneStride, int outWords) {
        this.groups = groups;
        this.images = images;
        this.rows = rows;
        this.width = width;
        this.depth = depth;
        this.u = u;
        this.bf16Rows = bf16Rows;
        this.v = v;
        this.groupStride = groupStride;
        this.imageStride = imageStride;
        this.rowStride = rowStride;
        this.laneStride = laneStride;
        this.outWords = outWords;
    }

    /**
     * The same product with u's values rounded to bfloat16 as each task copies its block (a bf16 layer's weights are
     * then never rounded as a whole tensor).
     */
    PackedGemm withBf16Rows() {
        return new PackedGemm(groups, images, rows, width, depth, u, true, v, groupStride, imageStride, rowStride,
                laneStride, outWords);
    }

    /** fp32 products accumulated in chunks of {@code chunk} k (see the class comment). */
    float[] floats(GemmWorkers workers, TileKernel kernel, int chunk) {
        float[] out = new float[outWords];
        run(workers, kernel, chunk, out, null);
        return out;
    }

    /** Exact int32 (wrapping) products of integer operands held in floats (int8 values, see {@link TileKernel}). */
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
            // blocks of equal depth: 576 as 288 + 288, not 256 + 256 + 64, one pass less over the outputs
            int most = ints ? TileKernel.INT_BLOCK_DEPTH : K_BLOCK;
            kBlock = ceilDiv(depth, ceilDiv(depth, most));
        }
        final int panels = (width + lanes - 1) / lanes;
        final int panelsPerBlock = Math.max(1, Math.min(panels, V_BLOCK_FLOATS / (kBlock * lanes)));
        final int pBlocks = (panels + panelsPerBlock - 1) / panelsPerBlock;
        final int pTasks = groups * images * pBlocks;
        // split the rows too when there are too few pixel blocks to keep every thread busy
        final int rowBlocks = Math.min(rowTiles, Math.max(1, ceilDiv(4 * workers.threads(), pTasks)));
        final int tasks = pTasks * rowBlocks;

        final int tilesPerRowBlock = ceilDiv(rowTiles, rowBlocks) + 1;
        // fp32 u used by only a panel or two per k-block is read in place: copying it would cost more than it saves
        final boolean directU = !bf16Rows && panelsPerBlock <= DIRECT_U_PANELS;
        // when the rows are split, every task of a pixel block would pack the same v: pack it once, shared
        final long perImage = (long) panels * lanes * depth;
        final float[] packed = rowBlocks > 1 && groups * images * perImage <= SHARED_V_FLOATS
                ? packAll(workers, lanes, panels, (int) perImage) : null;
        // buffers per thread, not per chunk: a thread runs several chunks of a layer
        ThreadLocal<Scratch> scratch = ThreadLocal.withInitial(() -> new Scratch(TileKernel.ROWS * lanes,
                packed != null ? 0 : panelsPerBlock * kBlock * lanes,
                directU ? 0 : tilesPerRowBlock * TileKernel.ROWS * kBlock));
        workers.forEachRange(tasks, (from, to) -> {
            Scratch sc = scratch.get();
            float[] vbuf = packed != null ? packed : sc.vblock;
            float[] ublock = sc.ublock;
            float[] uArr = directU ? u : ublock;
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
                    // where panel pm0's row k0 starts in vbuf; later panels follow lanes apart, rows vRow apart
                    int vBase;
                    int vRow;
                    if (packed != null) {
                        vRow = panels * lanes;
                        vBase = (int) ((g * images + img) * perImage) + k0 * vRow + pm0 * lanes;
                    } else {
                        vRow = (pm1 - pm0) * lanes;
                        vBase = 0;
                        v.pack(g, img, pm0 * lanes, vRow, k0, k1, vbuf, 0, vRow);
                    }
                    // the task's rows of u for this k-block, copied row by row, unless read in place
                    int r0 = rt0 * TileKernel.ROWS;
                    if (!directU) {
                        gather(g, r0, Math.min(rows, rt1 * TileKernel.ROWS), k0, kl, ublock);
                    }
                    int uRow = directU ? depth : kl;
                    for (int pm = pm0; pm < pm1; pm++) {
                        int p0 = pm * lanes;
                        int cols = Math.min(lanes, width - p0);
                        int vOff = vBase + (pm - pm0) * lanes;
                        for (int rt = rt0; rt < rt1; rt++) {
                            int c0 = rt * TileKernel.ROWS;
                            int live = Math.min(TileKernel.ROWS, rows - c0);
                            int uOff = directU ? (g * rows + c0) * depth + k0 : (c0 - r0) * kl;
                            int oOff = g * groupStride + img * imageStride + c0 * rowStride + p0 * laneStride;
                            if (cols == lanes && laneStride == 1) {
                                tile(kernel, sc, uArr, uOff, uRow, vbuf, vOff, vRow, k0, kl, chunk, chunked, live, fout,
                                        iout, oOff, rowStride);
                            } else {
                                // a partial panel goes through a full-width scratch tile
                                copy(fout, iout, oOff, sc, live, cols, lanes, true);
                                tile(kernel, sc, uArr, uOff, uRow, vbuf, vOff, vRow, k0, kl, chunk, chunked, live,
                                        ints ? null : sc.ftile, ints ? sc.itile : null, 0, lanes);
                                copy(fout, iout, oOff, sc, live, cols, lanes, false);
                            }
                        }
                    }
                }
            }
        });
    }

    /**
     * All of v packed once, in parallel over panels: group g, image img's row k is {@code panels * lanes} words from
     * {@code (g*images + img)*perImage + k*panels*lanes}, panel pm {@code pm*lanes} words into it.
     */
    private float[] packAll(GemmWorkers workers, int lanes, int panels, int perImage) {
        float[] buf = new float[groups * images * perImage];
        workers.forEachRange(groups * images * panels, (from, to) -> {
            int t = from;
            while (t < to) {
                // the range's panels of one group and image, packed together
                int gi = t / panels;
                int pm = t % panels;
                int n = Math.min(to - t, panels - pm);
                v.pack(gi / images, gi % images, pm * lanes, n * lanes, 0, depth, buf, gi * perImage + pm * lanes,
                        panels * lanes);
                t += n;
            }
        });
        return buf;
    }

    /**
     * Rows {@code [c0, c1)}, k in {@code [k0, k0 + kl)} of u in group g as floats, row-major with row length kl (bf16
     * rows rounded as they are copied).
     */
    private void gather(int g, int c0, int c1, int k0, int kl, float[] dst) {
        for (int c = c0; c < c1; c++) {
            int src = (g * rows + c) * depth + k0;
            int d = (c - c0) * kl;
            if (bf16Rows) {
                for (int k = 0; k < kl; k++) {
                    dst[d + k] = Float.intBitsToFloat(GemmOperands.roundToBf16Bits(u[src + k]));
                }
            } else {
                System.arraycopy(u, src, dst, d, kl);
            }
        }
    }

    /** Copies {@code live x cols} outputs at {@code oOff} into the scratch tile, or back. */
    private void copy(float[] fout, int[] iout, int oOff, Scratch sc, int live, int cols, int lanes, boolean in) {
        for (int c = 0; c < live; c++) {
            int o = oOff + c * rowStride;
            int t = c * lanes;
            for (int p = 0; p < cols; p++, o += laneStride, t++) {
                if (iout != null) {
                    if (in) {
                        sc.itile[t] = iout[o];
                    } else {
                        iout[o] = sc.itile[t];
                    }
                } else if (in) {
                    sc.ftile[t] = fout[o];
                } else {
                    fout[o] = sc.ftile[t];
                }
            }
        }
    }

    /**
     * Per-thread buffers: scratch tiles (partial panels, partial sums, +0 to start partial sums from) of
     * {@code words} each, a task's packed v block and its copy of u's rows.
     */
    private static final class Scratch {
        final float[] ftile;
        final int[] itile;
        final float[] psum;
        final float[] zeros;
        final float[] vblock;
        final float[] ublock;

        Scratch(int words, int vWords, int uWords) {
            ftile = new float[words];
            itile = new int[words];
            psum = new float[words];
            zeros = new float[words];
            vblock = new float[vWords];
            ublock = new float[uWords];
        }
    }

    /** One k-block of one tile: {@code live} rows, split at chunk boundaries when chunked. */
    private static void tile(TileKernel kernel, Scratch sc, float[] u, int uOff, int uRow, float[] v, int vOff,
                             int vRow, int k0, int kl, int chunk, boolean chunked, int live, float[] fout,
                             int[] iout, int oOff, int ldo) {
        int lanes = kernel.lanes();
        if (iout != null) {
            // the block's exact integer sums, then added to the int32 outputs
            rows(kernel, true, live, u, uOff, uRow, v, vOff, vRow, kl, sc.zeros, 0, 0, sc.psum, 0, lanes);
            kernel.addRows(sc.psum, live, iout, oOff, ldo);
            return;
        }
        if (!chunked) {
            // one running sum per output, continued from the words already in out (+0 at first)
            rows(kernel, false, live, u, uOff, uRow, v, vOff, vRow, kl, fout, oOff, ldo, fout, oOff, ldo);
            return;
        }
        int s0 = 0;
        while (s0 < kl) {
            // one row fold: a partial sum from +0, then out + psum
            int len = Math.min(kl, s0 + chunk - (k0 + s0) % chunk) - s0;
            rows(kernel, false, live, u, uOff + s0, uRow, v, vOff + s0 * vRow, vRow, len, sc.zeros, 0, 0,
                    sc.psum, 0, lanes);
            kernel.addRows(sc.psum, live, fout, oOff, ldo);
            s0 += len;
        }
    }

    /**
     * {@code live} rows of a tile: the register tile when all {@link TileKernel#ROWS} are live ({@code exact}: the
     * integer one, which may fuse), else row by row (multiply then add, also exact on integer operands).
     */
    private static void rows(TileKernel kernel, boolean exact, int live, float[] u, int uOff, int uRow,
                             float[] v, int vOff, int vRow, int depth, float[] init, int iOff, int ild,
                             float[] out, int oOff, int ldo) {
        if (live == TileKernel.ROWS) {
            if (exact) {
                kernel.exactTile(u, uOff, uRow, v, vOff, vRow, depth, init, iOff, ild, out, oOff, ldo);
            } else {
                kernel.tile(u, uOff, uRow, v, vOff, vRow, depth, init, iOff, ild, out, oOff, ldo);
            }
            return;
        }
        for (int c = 0; c < live; c++) {
            kernel.row(u, uOff + c * uRow, v, vOff, vRow, depth, init, iOff + c * ild, out, oOff + c * ldo);
        }
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
