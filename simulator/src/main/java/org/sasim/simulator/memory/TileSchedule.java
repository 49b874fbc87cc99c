package org.sasim.simulator.memory;

import java.util.Arrays;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * A layer cut into tiles by one {@link Tiling}: the compute cycles of each tile, the DRAM transfers the tiles need
 * in the order the DRAM channel serves them, and the traffic counts. Independent of DRAM bandwidth and latency
 * (those only matter in {@link TileTimeline}).
 *
 * <p>Each operand stream (IFMAP, filter, output) sees a sequence of <em>blocks</em>: the part of its matrix a tile
 * touches. Consecutive tiles with the same block share one residency (the block stays in its half, e.g. the filter
 * columns of an output-stationary column fold while its row folds run); a new block is loaded into the other half.
 * Hence, for block instance j of a stream (numbered in time order):
 * <ul>
 *   <li>its load may start once instance j-2 has left the half it will reuse: after the compute of j-2's last tile
 *       (IFMAP, filter) or after j-2's write-back (output buffer); instances 0 are loaded before the layer starts
 *       (the prologue) and instances 1 from cycle 0;</li>
 *   <li>the first tile of instance j may not start before its loads are complete and, for the output buffer, before
 *       instance j-2 has been written back;</li>
 *   <li>an output block leaving the buffer is written back: as final outputs (operand words) when its reduction is
 *       complete, else as partial sums (accumulator words), which are read back (accumulator words) when the
 *       block comes back.</li>
 * </ul>
 * The channel serves transfers in a fixed order: by the tile after whose compute they become eligible, write-backs
 * before loads, then by the tile that needs them. A fixed order keeps every event time a max-plus function of the
 * transfer durations, so stalls can only fall when bandwidth rises.
 */
final class TileSchedule {
    /** Tilings with more tiles than this are only considered when nothing coarser fits. */
    static final int PREFERRED_MAX_TILES = 1 << 17;

    final Tiling tiling;
    final int tiles;
    final long[] compute;
    final long computeCycles;
    // prologue loads (instances 0 of IFMAP and filter)
    final long prologueIfmapBytes;
    final long prologueFilterBytes;
    // transfers after the prologue, in channel order
    final int transfers;
    final byte[] op;
    final boolean[] read;
    final long[] bytes;
    final int[] key;
    final int[] gate;
    final int[] after;
    final DramTraffic traffic;
    final ScratchpadTraffic ifmapSram;
    final ScratchpadTraffic filterSram;
    final ScratchpadTraffic ofmapSram;
    final TilingReport report;

    private TileSchedule(Builder b, int transfers, byte[] op, boolean[] read, long[] bytes, int[] key, int[] gate,
                         int[] after, DramTraffic traffic) {
        this.tiling = b.tiling;
        this.tiles = b.tileCount;
        this.compute = b.compute;
        this.computeCycles = Arrays.stream(b.compute).sum();
        this.prologueIfmapBytes = b.ifmap.count > 0 && b.ifmap.first[0] == 0 ? b.ifmap.dramBytes[0] : 0;
        this.prologueFilterBytes = b.filter.count > 0 && b.filter.first[0] == 0 ? b.filter.dramBytes[0] : 0;
        this.transfers = transfers;
        this.op = op;
        this.read = read;
        this.bytes = bytes;
        this.key = key;
        this.gate = gate;
        this.after = after;
        this.traffic = traffic;
        this.ifmapSram = b.ifmapPad.traffic();
        this.filterSram = b.filterPad.traffic();
        this.ofmapSram = b.ofmapPad.traffic();
        this.report = new TilingReport(b.tiling, b.tileCount, b.maxFolds, b.maxM, b.maxN, b.maxK,
                b.ifmapPad.traffic().peakUsedBytes(), b.filterPad.traffic().peakUsedBytes(),
                b.ofmapPad.traffic().peakUsedBytes(), 0);
    }

    /** Number of tiles {@code tiling} cuts the layer into. */
    static long tileCount(ArrayMapping map, Tiling t) {
        long g = map.groups();
        long cf = map.colFolds();
        long rf = map.rowFolds();
        long span = t.span();
        return switch (t.level()) {
            case GROUPS -> ceilDiv(g, span);
            case COLUMNS -> g * ceilDiv(cf, span);
            case ROWS -> g * cf * ceilDiv(rf, span);
            case STREAM -> g * cf * rf * ceilDiv(map.streamed(), span);
        };
    }

    /**
     * Cuts the layer by {@code tiling}.
     *
     * @return the schedule, or null when some block does not fit half of its scratchpad
     */
    static TileSchedule build(MemoryWorkload w, MemorySpec mem, Tiling tiling) {
        return build(w, mem, tiling, new IfmapBlockCounts(w.ifmap()));
    }

    /** As {@link #build(MemoryWorkload, MemorySpec, Tiling)}, counting IFMAP blocks with {@code counts}. */
    static TileSchedule build(MemoryWorkload w, MemorySpec mem, Tiling tiling, IfmapBlockCounts counts) {
        long n = tileCount(w.mapping(), tiling);
        if (n > Integer.MAX_VALUE - 16) {
            return null;
        }
        Builder b = new Builder(w, mem, tiling, (int) n, counts);
        if (!b.run()) {
            return null;
        }
        return b.finish();
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    /** Block instances of one operand stream, in time order. */
    private static final class Instances {
        int count;
        final int[] first;
        final int[] last;
        final long[] dramBytes;
        // output stream only
        final long[] psumReadBytes;
        final long[] storeBytes;
        final boolean[] complete;
        final long[] elements;
        // the current block's identity
        long g0 = -1;
        long g1;
        long a0;
        long a1;
        long b0;
        long b1;

        /**
         * At most one instance per tile, so sizing by the tile count never grows (and never copies); the output
         * stream's own arrays are only allocated for it.
         */
        Instances(int tiles, boolean output) {
            int c = Math.max(1, tiles);
            first = new int[c];
            last = new int[c];
            dramBytes = new long[output ? 0 : c];
            int o = output ? c : 0;
            psumReadBytes = new long[o];
            storeBytes = new long[o];
            complete = new boolean[o];
            elements = new long[o];
        }

        boolean same(long ng0, long ng1, long na0, long na1, long nb0, long nb1) {
            return g0 == ng0 && g1 == ng1 && a0 == na0 && a1 == na1 && b0 == nb0 && b1 == nb1;
        }

        int open(int tile, long ng0, long ng1, long na0, long na1, long nb0, long nb1) {
            g0 = ng0;
            g1 = ng1;
            a0 = na0;
            a1 = na1;
            b0 = nb0;
            b1 = nb1;
            first[count] = tile;
            last[count] = tile;
            return count++;
        }
    }

    private static final class Builder {
        final MemoryWorkload w;
        final ArrayMapping map;
        final Tiling tiling;
        final int tileCount;
        final long[] compute;
        final int opBytes;
        final int accBytes;
        final DoubleBufferedScratchpad ifmapPad;
        final DoubleBufferedScratchpad filterPad;
        final DoubleBufferedScratchpad ofmapPad;
        final Instances ifmap;
        final Instances filter;
        final Instances out;
        final IfmapBlockCounts counts;
        final long kTotal;
        int t;
        boolean fits = true;
        /**
         * Distinct IFMAP elements by a tile's position within its column fold, when that position alone fixes
         * the IFMAP block: row-fold and stream tilings of os and ws, whose A rows and columns come from the row
         * fold and the stream chunk, never from the column fold or group (counts are per group). Every column fold
         * then repeats the first one's blocks, looked up here instead of hashed. Null otherwise; -1 = not yet.
         */
        final long[] ifmapByPosition;
        final int tilesPerColumnFold;
        long maxFolds;
        long maxM;
        long maxN;
        long maxK;

        Builder(MemoryWorkload w, MemorySpec mem, Tiling tiling, int tileCount, IfmapBlockCounts counts) {
            this.counts = counts;
            this.ifmap = new Instances(tileCount, false);
            this.filter = new Instances(tileCount, false);
            this.out = new Instances(tileCount, true);
            this.w = w;
            this.map = w.mapping();
            this.tiling = tiling;
            this.tileCount = tileCount;
            this.compute = new long[tileCount];
            this.opBytes = w.datatype().operandBytes();
            this.accBytes = w.datatype().accumulatorBytes();
            this.ifmapPad = new DoubleBufferedScratchpad("ifmap", mem.ifmapSramBytes(), opBytes);
            this.filterPad = new DoubleBufferedScratchpad("filter", mem.filterSramBytes(), opBytes);
            this.ofmapPad = new DoubleBufferedScratchpad("ofmap", mem.ofmapSramBytes(), accBytes);
            this.kTotal = w.k();
            boolean positional = (tiling.level() == TileLevel.ROWS || tiling.level() == TileLevel.STREAM)
                    && map.dataflow() != org.sasim.simulator.arch.Dataflow.INPUT_STATIONARY;
            long perColumnFold = ceilDiv(map.rowFolds(), tiling.level() == TileLevel.ROWS ? tiling.span() : 1)
                    * (tiling.level() == TileLevel.STREAM ? ceilDiv(map.streamed(), tiling.span()) : 1);
            this.tilesPerColumnFold = positional ? (int) Math.min(perColumnFold, tileCount) : 0;
            this.ifmapByPosition = positional ? new long[tilesPerColumnFold] : null;
            if (positional) {
                Arrays.fill(ifmapByPosition, -1);
            }
        }

        boolean run() {
            int groups = map.groups();
            int cf = map.colFolds();
            int rf = map.rowFolds();
            int tt = map.streamed();
            int span = tiling.span();
            switch (tiling.level()) {
                case GROUPS -> {
                    for (int g = 0; g < groups && fits; g += span) {
                        tile(g, Math.min(groups, g + span), 0, cf, 0, rf, 0, tt);
                    }
                }
                case COLUMNS -> {
                    for (int g = 0; g < groups && fits; g++) {
                        for (int c = 0; c < cf && fits; c += span) {
                            tile(g, g + 1, c, Math.min(cf, c + span), 0, rf, 0, tt);
                        }
                    }
                }
                case ROWS -> {
                    for (int g = 0; g < groups && fits; g++) {
                        for (int c = 0; c < cf && fits; c++) {
                            for (int r = 0; r < rf && fits; r += span) {
                                tile(g, g + 1, c, c + 1, r, Math.min(rf, r + span), 0, tt);
                            }
                        }
                    }
                }
                case STREAM -> {
                    for (int g = 0; g < groups && fits; g++) {
                        for (int c = 0; c < cf && fits; c++) {
                            for (int r = 0; r < rf && fits; r++) {
                                for (int s = 0; s < tt && fits; s += span) {
                                    tile(g, g + 1, c, c + 1, r, r + 1, s, Math.min(tt, s + span));
                                }
                            }
                        }
                    }
                }
            }
            return fits;
        }

        /** One tile: groups [g0,g1), column folds [c0,c1), row folds [r0,r1), streamed elements [s0,s1). */
        private void tile(int g0, int g1, int c0, int c1, int r0, int r1, int s0, int s1) {
            int rr = map.arrayRows();
            int cc = map.arrayCols();
            long srA = (long) r0 * rr;
            long srB = Math.min((long) r1 * rr, map.spatialRows());
            long scA = (long) c0 * cc;
            long scB = Math.min((long) c1 * cc, map.spatialCols());
            long m0;
            long m1;
            long n0;
            long n1;
            long k0;
            long k1;
            switch (map.dataflow()) {
                case OUTPUT_STATIONARY -> {
                    m0 = srA; m1 = srB; n0 = scA; n1 = scB; k0 = s0; k1 = s1;
                }
                case WEIGHT_STATIONARY -> {
                    k0 = srA; k1 = srB; n0 = scA; n1 = scB; m0 = s0; m1 = s1;
                }
                default -> {
                    k0 = srA; k1 = srB; m0 = scA; m1 = scB; n0 = s0; n1 = s1;
                }
            }
            long g = g1 - g0;
            // compute cycles and array-edge accesses of the folds in this tile
            long cycles = 0;
            int cfAll = map.colFolds();
            int rfAll = map.rowFolds();
            long streamedAll = map.streamed();
            for (int gi = g0; gi < g1; gi++) {
                for (int c = c0; c < c1; c++) {
                    for (int r = r0; r < r1; r++) {
                        long fold = ((long) gi * cfAll + c) * rfAll + r;
                        long fc = w.timing().cycles(fold);
                        if (s0 == 0 && s1 == streamedAll) {
                            cycles += fc;
                        } else {
                            cycles += Math.floorDiv(s1 * fc, streamedAll) - Math.floorDiv(s0 * fc, streamedAll);
                        }
                        if (s0 == 0) {
                            edge(r, c, streamedAll);
                        }
                    }
                }
            }
            compute[t] = cycles;
            boolean stream = tiling.level() == TileLevel.STREAM;
            maxFolds = Math.max(maxFolds, stream ? 1 : (long) g * (c1 - c0) * (r1 - r0));
            maxM = Math.max(maxM, m1 - m0);
            maxN = Math.max(maxN, n1 - n0);
            maxK = Math.max(maxK, k1 - k0);

            // IFMAP block: rows [m0,m1) x columns [k0,k1) of A, as distinct input elements
            if (ifmap.same(g0, g1, m0, m1, k0, k1)) {
                ifmap.last[ifmap.count - 1] = t;
            } else {
                long elems = g * ifmapElements(m0, m1, k0, k1);
                long sramBytes = elems * opBytes;
                if (!ifmapPad.fits(sramBytes)) {
                    fits = false;
                    return;
                }
                ifmapPad.hold(sramBytes);
                int j = ifmap.open(t, g0, g1, m0, m1, k0, k1);
                long dram = w.ifmapOnChip() ? 0 : sramBytes;
                ifmap.dramBytes[j] = dram;
                ifmapPad.fill(dram);
            }
            // filter block: [k0,k1) x [n0,n1) of B
            if (filter.same(g0, g1, k0, k1, n0, n1)) {
                filter.last[filter.count - 1] = t;
            } else {
                long fBytes = g * (k1 - k0) * (n1 - n0) * opBytes;
                if (!filterPad.fits(fBytes)) {
                    fits = false;
                    return;
                }
                filterPad.hold(fBytes);
                int j = filter.open(t, g0, g1, k0, k1, n0, n1);
                filter.dramBytes[j] = fBytes;
                filterPad.fill(fBytes);
            }
            // output block: [m0,m1) x [n0,n1) of C, accumulated over K
            if (out.same(g0, g1, m0, m1, n0, n1)) {
                out.last[out.count - 1] = t;
            } else {
                closeOut();
                long elems = g * (m1 - m0) * (n1 - n0);
                if (!ofmapPad.fits(elems * accBytes)) {
                    fits = false;
                    return;
                }
                ofmapPad.hold(elems * accBytes);
                int j = out.open(t, g0, g1, m0, m1, n0, n1);
                out.elements[j] = elems;
                if (k0 > 0) {
                    out.psumReadBytes[j] = elems * accBytes;
                    ofmapPad.fill(elems * accBytes);
                }
            }
            // completeness of the current output block so far: its reduction reached K
            out.complete[out.count - 1] = k1 == kTotal;
            t++;
        }

        private void closeOut() {
            if (out.count == 0) {
                return;
            }
            int j = out.count - 1;
            long elems = out.elements[j];
            if (out.complete[j]) {
                long b = w.ofmapOnChip() ? 0 : elems * opBytes;
                out.storeBytes[j] = b;
                ofmapPad.drain(elems, b);
            } else {
                out.storeBytes[j] = elems * accBytes;
                ofmapPad.drain(elems, elems * accBytes);
            }
        }

        /**
         * Array-edge scratchpad accesses of fold (r, c) of one group, streaming {@code len} elements: the stationary
         * operand is read once, the streamed one {@code len} times per row/column, and for ws/is every streamed
         * step writes a partial-sum row (read back first from the second row fold on). Output-stationary outputs
         * are written once each (added in {@code finish}).
         */
        private void edge(int r, int c, long len) {
            long rho = map.rowsUsed(r);
            long kap = map.colsUsed(c);
            switch (map.dataflow()) {
                case OUTPUT_STATIONARY -> {
                    ifmapPad.arrayRead(rho * len);
                    filterPad.arrayRead(len * kap);
                }
                case WEIGHT_STATIONARY -> {
                    filterPad.arrayRead(rho * kap);
                    ifmapPad.arrayRead(len * rho);
                    ofmapPad.arrayWrite(len * kap);
                    if (r > 0) {
                        ofmapPad.arrayRead(len * kap);
                    }
                }
                default -> {
                    ifmapPad.arrayRead(rho * kap);
                    filterPad.arrayRead(rho * len);
                    ofmapPad.arrayWrite(kap * len);
                    if (r > 0) {
                        ofmapPad.arrayRead(kap * len);
                    }
                }
            }
        }

        private long ifmapElements(long m0, long m1, long k0, long k1) {
            if (ifmapByPosition == null) {
                return counts.distinctElements(m0, m1, k0, k1);
            }
            int p = t % tilesPerColumnFold;
            long v = ifmapByPosition[p];
            if (v < 0) {
                // the position table is this block's memo; the shared block table would only add misses
                v = counts.distinctElementsUnstored(m0, m1, k0, k1);
                ifmapByPosition[p] = v;
            }
            return v;
        }

        TileSchedule finish() {
            closeOut();
            if (map.dataflow() == org.sasim.simulator.arch.Dataflow.OUTPUT_STATIONARY) {
                ofmapPad.arrayWrite(w.m() * w.n() * map.groups());
            }
            return Merge.of(this);
        }
    }

    /** Orders the transfers of the four streams for the channel. */
    private static final class Merge {
        static TileSchedule of(Builder b) {
            Instances in = b.ifmap;
            Instances fi = b.filter;
            Instances ou = b.out;
            int cap = in.count + fi.count + 2 * ou.count;
            byte[] op = new byte[cap];
            boolean[] read = new boolean[cap];
            long[] bytes = new long[cap];
            int[] key = new int[cap];
            int[] gate = new int[cap];
            int[] after = new int[cap];
            int[] storeIndex = new int[ou.count];
            // pointers: ifmap loads from j=1, filter loads from j=1, psum loads, stores
            int pi = 1;
            int pf = 1;
            int pp = 0;
            int ps = 0;
            int n = 0;
            long[] rb = new long[Operand.values().length];
            long[] wb = new long[Operand.values().length];
            rb[Operand.IFMAP.ordinal()] += b.ifmap.count > 0 ? b.ifmap.dramBytes[0] : 0;
            rb[Operand.FILTER.ordinal()] += b.filter.count > 0 ? b.filter.dramBytes[0] : 0;
            // the head of each stream, encoded; recomputed only when its stream (or, for psum loads, the store
            // stream they wait for) advances
            long kStore = ps < ou.count ? storeKey(b, ou, ps) : Long.MAX_VALUE;
            long kIn = pi < in.count ? encode(pi >= 2 ? in.last[pi - 2] : -1, 1, in.first[pi], Operand.IFMAP)
                    : Long.MAX_VALUE;
            long kFi = pf < fi.count ? encode(pf >= 2 ? fi.last[pf - 2] : -1, 1, fi.first[pf], Operand.FILTER)
                    : Long.MAX_VALUE;
            long kPs = Long.MAX_VALUE;
            boolean psStale = true;
            while (true) {
                if (psStale) {
                    while (pp < ou.count && ou.psumReadBytes[pp] == 0) {
                        pp++;
                    }
                    int j = pp;
                    // eligible once instance j-2 is written back: its store must already be in the queue
                    kPs = j < ou.count && (j < 2 || ps > j - 2)
                            ? encode(j >= 2 ? ou.last[j - 2] : -1, 1, ou.first[j], Operand.PSUM) : Long.MAX_VALUE;
                    psStale = false;
                }
                // the smallest key is served first (keys of different streams never tie: kind and operand differ)
                long best = kStore;
                int which = kStore == Long.MAX_VALUE ? -1 : 3;
                if (kIn < best) {
                    best = kIn;
                    which = 0;
                }
                if (kFi < best) {
                    best = kFi;
                    which = 1;
                }
                if (kPs < best) {
                    which = 2;
                }
                if (which < 0) {
                    break;
                }
                switch (which) {
                    case 0 -> {
                        op[n] = (byte) Operand.IFMAP.ordinal();
                        read[n] = true;
                        bytes[n] = in.dramBytes[pi];
                        key[n] = pi >= 2 ? in.last[pi - 2] : -1;
                        gate[n] = in.first[pi];
                        after[n] = -1;
                        pi++;
                        kIn = pi < in.count ? encode(pi >= 2 ? in.last[pi - 2] : -1, 1, in.first[pi], Operand.IFMAP)
                                : Long.MAX_VALUE;
                    }
                    case 1 -> {
                        op[n] = (byte) Operand.FILTER.ordinal();
                        read[n] = true;
                        bytes[n] = fi.dramBytes[pf];
                        key[n] = pf >= 2 ? fi.last[pf - 2] : -1;
                        gate[n] = fi.first[pf];
                        after[n] = -1;
                        pf++;
                        kFi = pf < fi.count ? encode(pf >= 2 ? fi.last[pf - 2] : -1, 1, fi.first[pf], Operand.FILTER)
                                : Long.MAX_VALUE;
                    }
                    case 2 -> {
                        op[n] = (byte) Operand.PSUM.ordinal();
                        read[n] = true;
                        bytes[n] = ou.psumReadBytes[pp];
                        key[n] = pp >= 2 ? ou.last[pp - 2] : -1;
                        gate[n] = ou.first[pp];
                        after[n] = pp >= 2 ? storeIndex[pp - 2] : -1;
                        pp++;
                        psStale = true;
                    }
                    default -> {
                        Operand o = ou.complete[ps] ? Operand.OFMAP : Operand.PSUM;
                        op[n] = (byte) o.ordinal();
                        read[n] = false;
                        bytes[n] = ou.storeBytes[ps];
                        key[n] = ou.last[ps];
                        gate[n] = ps + 2 < ou.count ? ou.first[ps + 2] : -1;
                        after[n] = -1;
                        storeIndex[ps] = n;
                        ps++;
                        kStore = ps < ou.count ? storeKey(b, ou, ps) : Long.MAX_VALUE;
                        psStale = true;
                    }
                }
                (read[n] ? rb : wb)[op[n]] += bytes[n];
                n++;
            }
            DramTraffic traffic = new DramTraffic(rb[Operand.IFMAP.ordinal()], rb[Operand.FILTER.ordinal()],
                    rb[Operand.PSUM.ordinal()], wb[Operand.OFMAP.ordinal()], wb[Operand.PSUM.ordinal()]);
            return new TileSchedule(b, n, op, read, bytes, key, gate, after, traffic);
        }

        /** Key of the write-back of output instance {@code ps}. */
        private static long storeKey(Builder b, Instances ou, int ps) {
            return encode(ou.last[ps], 0, ps + 2 < ou.count ? ou.first[ps + 2] : b.tileCount,
                    ou.complete[ps] ? Operand.OFMAP : Operand.PSUM);
        }

        /**
         * Channel order: by eligibility tile (key + 1 &gt;= 0, at most 2^31), then write-backs (kind 0) before
         * loads (kind 1), then by the tile that waits for it, then by operand. Packed so that a smaller value is
         * served first: key 32 bits | kind 1 | gate 29 bits (clamped; ties beyond 2^29 tiles fall to operand) | op 2.
         */
        private static long encode(int key, int kind, int gate, Operand o) {
            long g = Math.min(gate, (1 << 29) - 1);
            return (long) (key + 1) << 32 | (long) kind << 31 | g << 2 | o.ordinal();
        }
    }
}
