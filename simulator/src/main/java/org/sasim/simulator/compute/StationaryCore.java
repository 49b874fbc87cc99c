package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * The cycle rules shared by the weight- and input-stationary arrays (K on the rows), which differ only in where
 * their operands lie ({@link StationaryLayout}).
 * <ul>
 *   <li>Stationary load: a fold's stationary words of column j enter at its top and shift down a valid-gated chain
 *       (row p latches only while a word is still arriving for it), deepest row first, column j one cycle after
 *       column j-1; row k holds its word after r cycles. With shadow registers the chain runs through the shadow
 *       registers, else through the active ones.</li>
 *   <li>Stream: row k of the left edge streams the fold's k-th operand skewed by k and it moves right; a partial
 *       sum enters the top of each used column as +0 skewed by the column, gains {@code a*w} in each used row and
 *       passes unused rows unchanged. With shadow registers a PE swaps in its new stationary word when the first
 *       streamed word of the new fold reaches it. The sum leaving row R-1 is added to the output (sasim: in the next
 *       cycle; scalesim: at once, out = out + psum in row-fold order).</li>
 *   <li>sasim controller, discovered from the registers each cycle: a fold's load starts as soon as column 0's
 *       chain is idle and PE(0,0)'s load target is free - its shadow register is empty or being swapped out this
 *       cycle, or (no shadow) its active word had its last MAC in an earlier cycle; a fold starts streaming as soon
 *       as PE(0,0) holds its complete word and the previous fold's stream has left the left edge. The skew carries
 *       both rules to every other PE.</li>
 *   <li>scalesim controller: once the previous fold has finished entering and nothing would move, the next fold
 *       loads (all columns at once, ending R cycles later) and then streams, with padding tokens sweeping unused
 *       rows and columns.</li>
 * </ul>
 * Anything else the hardware cannot do (two words on one port, a stationary word missing or overwritten before its
 * use, an operand without its partial sum) throws {@link StructuralHazardException}.
 */
final class StationaryCore {
    private final FoldPlan plan;
    private final StationaryLayout lay;
    private final TimingConvention convention;
    private final boolean scale;
    private final boolean shadow;
    private final Arithmetic arithmetic;
    private final boolean fp;
    private final int rr;
    private final int cc;
    private final int tLen;
    private final int[] stat;
    private final int[] strm;
    private final int[] out;
    private final long[] ends;
    private final long[] start;
    private final long[] loadStart;
    private final RegisterPlane aReg;
    private final RegisterPlane pReg;
    private final int[] wAct;
    private final int[] wActFold;
    private final boolean[] wDone;
    private final int[] wSh;
    private final int[] wShFold;
    private final int[] loadTarget;
    private final int[] loadTargetFold;
    private final EdgePorts left;
    private final EdgePorts top;
    private final IdleIssue idle = new IdleIssue();
    private int nextStream;
    private int firstLive;
    private int nextLoad;
    private int firstLoading;

    private StationaryCore(GemmOperands op, ArraySpec array, TimingConvention convention, StationaryLayout lay) {
        ArrayMapping map = ArrayMapping.of(op.gemm(), array);
        this.plan = new FoldPlan(convention.schedule(map));
        this.lay = lay;
        this.convention = convention;
        this.scale = convention instanceof ScaleSimConvention;
        this.shadow = convention instanceof SasimConvention s && s.shadowStationary();
        this.arithmetic = Arithmetic.of(op.datatype());
        this.fp = op.datatype() != Datatype.INT8;
        this.rr = array.rows();
        this.cc = array.cols();
        this.tLen = map.streamed();
        this.stat = lay.stationaryFromB() ? op.b() : op.a();
        this.strm = lay.stationaryFromB() ? op.a() : op.b();
        this.out = new int[op.outputWords()];
        this.ends = new long[plan.count];
        this.start = new long[plan.count];
        this.loadStart = new long[plan.count];
        int pes = rr * cc;
        this.aReg = new RegisterPlane(rr, cc);
        this.pReg = new RegisterPlane(rr, cc);
        this.wAct = new int[pes];
        this.wActFold = new int[pes];
        this.wDone = new boolean[pes];
        this.wSh = new int[pes];
        this.wShFold = new int[pes];
        this.loadTarget = shadow ? wSh : wAct;
        this.loadTargetFold = shadow ? wShFold : wActFold;
        this.left = new EdgePorts(rr, "left");
        this.top = new EdgePorts(cc, "top");
    }

    /** Runs all groups of {@code op} on {@code array}; {@code lay} says where the dataflow finds its operands. */
    static CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention, StationaryLayout lay) {
        return new StationaryCore(op, array, convention, lay).run();
    }

    private CycleRun run() {
        int span = Math.max(rr, cc);
        for (long t = 0;; t++) {
            if (scale) {
                issueScaleSim(t);
            } else {
                startStream(t);
            }
            while (firstLive < nextStream && !EdgePorts.stillDriving(t, start[firstLive], tLen, span)) {
                firstLive++;
            }
            while (firstLoading < nextLoad && t >= loadEnd(firstLoading)) {
                firstLoading++;
            }
            if (firstLive == plan.count && firstLoading == plan.count && aReg.isEmpty() && pReg.isEmpty()) {
                return CycleRun.measured(convention, ends, out, start);
            }
            if (!scale) {
                writeBottomRow(t);
            }
            driveEdges(t);
            aReg.shiftRight(left);
            pReg.shiftDown(top);
            // no shadow: PE(0,0)'s active word may be reloaded once its last MAC lies in an earlier cycle
            boolean activeFree = wActFold[0] == 0 || wDone[0];
            long occupied = fp ? macFp32(t) : macInt32(t);
            if (scale) {
                writeBottomRow(t);
                if (occupied != FoldTag.EMPTY) {
                    ends[nextStream - 1] = t + 1;
                }
                idle.observe(aReg, pReg);
            } else {
                startLoad(t, activeFree);
            }
            shiftLoads(t);
        }
    }

    /** scalesim: once the last fold has entered and nothing would move, the next loads for R cycles, then streams. */
    private void issueScaleSim(long t) {
        if (nextStream < plan.count && idle.ready(t, start, nextStream, tLen, Math.max(rr, cc))) {
            loadStart[nextLoad++] = t + rr - plan.rows[nextStream];
            start[nextStream++] = t + rr;
        }
    }

    /** sasim: the next fold streams once PE(0,0) holds its whole stationary word and the left edge is free. */
    private void startStream(long t) {
        if (nextStream == nextLoad) {
            return;
        }
        int f = nextStream;
        boolean loaded = loadTargetFold[0] == f + 1 && (shadow || !wDone[0]);
        boolean edgeFree = f == 0 || t >= start[f - 1] + tLen;
        if (loaded && edgeFree) {
            start[nextStream++] = t;
        }
    }

    /**
     * sasim: the next fold's load enters column 0 once its chain is idle and PE(0,0)'s load target is free (shadow:
     * empty after this cycle's swap; else: the active word's last MAC was before this cycle).
     */
    private void startLoad(long t, boolean activeFree) {
        if (nextLoad == plan.count) {
            return;
        }
        boolean chainIdle = nextLoad == 0 || t >= loadStart[nextLoad - 1] + plan.rows[nextLoad - 1];
        boolean targetFree = shadow ? wShFold[0] == 0 : activeFree;
        if (chainIdle && targetFree) {
            loadStart[nextLoad++] = t;
        }
    }

    /** One past the last cycle of a fold's stationary load (its last column's deepest word latched). */
    private long loadEnd(int f) {
        return loadStart[f] + plan.rows[f] + (scale ? 0 : plan.cols[f] - 1);
    }

    /** Partial sums in row R-1 are added to their output words (sasim: those latched last cycle). */
    private void writeBottomRow(long t) {
        int bottom = (rr - 1) * cc;
        for (int j = 0; j < cc; j++) {
            long tag = pReg.tag[bottom + j];
            if (tag > 0) {
                int f = FoldTag.fold(tag);
                int o = (int) (plan.group[f] * lay.outGroup() + (long) (plan.colFold[f] * cc + j) * lay.outCol()
                        + (long) FoldTag.step(tag) * lay.outStep());
                out[o] = arithmetic.add(out[o], pReg.word[bottom + j]);
                if (!scale) {
                    ends[f] = t + 1;
                }
            }
        }
    }

    private void driveEdges(long t) {
        left.clear();
        top.clear();
        for (int f = firstLive; f < nextStream; f++) {
            long base = plan.group[f] * lay.strGroup() + (long) plan.rowFold[f] * rr * lay.strRow();
            left.driveSkewed(t, start[f], tLen, scale ? rr : plan.rows[f], plan.rows[f], f, strm, base, lay.strRow(),
                    lay.strStep());
            top.driveSkewed(t, start[f], tLen, scale ? cc : plan.cols[f], plan.cols[f], f, null, 0, 0, 0);
        }
    }

    /**
     * Every PE whose operand and partial sum are the same real step does {@code psum + a*w} in fp32 with its active
     * stationary word (swapping in the shadow word on the fold's first step there). Returns the OR of all operand
     * and partial-sum tags (0: the array holds no word).
     */
    private long macFp32(long t) {
        final long[] at = aReg.tag;
        final long[] pt = pReg.tag;
        final int[] aw = aReg.word;
        final int[] pw = pReg.word;
        final int[] w = wAct;
        final int[] wf = wActFold;
        long any = 0;
        for (int x = 0; x < w.length; x++) {
            long ta = at[x];
            long tp = pt[x];
            any |= ta | tp;
            if (ta != tp) {
                otherCase(x, t);
            } else if (ta > 0) {
                if (wf[x] != (int) (ta >>> 32)) {
                    swapIn(x, ta, t);
                }
                pw[x] = Float.floatToRawIntBits(Float.intBitsToFloat(pw[x])
                        + Float.intBitsToFloat(aw[x]) * Float.intBitsToFloat(w[x]));
                if ((ta & 1) != 0) {
                    wDone[x] = true;
                }
            }
        }
        return any;
    }

    /** As {@link #macFp32}, in int32. */
    private long macInt32(long t) {
        final long[] at = aReg.tag;
        final long[] pt = pReg.tag;
        final int[] aw = aReg.word;
        final int[] pw = pReg.word;
        final int[] w = wAct;
        final int[] wf = wActFold;
        long any = 0;
        for (int x = 0; x < w.length; x++) {
            long ta = at[x];
            long tp = pt[x];
            any |= ta | tp;
            if (ta != tp) {
                otherCase(x, t);
            } else if (ta > 0) {
                if (wf[x] != (int) (ta >>> 32)) {
                    swapIn(x, ta, t);
                }
                pw[x] += aw[x] * w[x];
                if ((ta & 1) != 0) {
                    wDone[x] = true;
                }
            }
        }
        return any;
    }

    /** The first streamed word of a fold reached PE x: its shadow word becomes active (or it has none: hazard). */
    private void swapIn(int x, long tag, long t) {
        int f = FoldTag.fold(tag);
        if (!shadow || wShFold[x] != f + 1) {
            throw new StructuralHazardException("PE(" + x / cc + "," + x % cc + ") has no stationary word for fold "
                    + f, t);
        }
        wAct[x] = wSh[x];
        wActFold[x] = f + 1;
        wShFold[x] = 0;
    }

    /** PE(i,j) got unequal tags: a word passing a PE its fold does not use, or a hazard. */
    private void otherCase(int x, long t) {
        int i = x / cc;
        int j = x % cc;
        long ta = aReg.tag[x];
        long tp = pReg.tag[x];
        if (scale && ta != FoldTag.EMPTY && tp != FoldTag.EMPTY && !FoldTag.sameFold(ta, tp)) {
            throw new StructuralHazardException("PE(" + i + "," + j + ") got two folds", t);
        }
        if (ta > 0 && j < plan.cols[FoldTag.fold(ta)]) {
            throw new StructuralHazardException("PE(" + i + "," + j + ") got an operand without its partial sum", t);
        } else if (tp > 0 && i < plan.rows[FoldTag.fold(tp)]) {
            throw new StructuralHazardException("PE(" + i + "," + j + ") got a partial sum without its operand", t);
        }
    }

    /** Stationary loads in flight: each loading column's valid-gated chain shifts down one row. */
    private void shiftLoads(long t) {
        for (int f = firstLoading; f < nextLoad; f++) {
            int depth = plan.rows[f];
            int cols = plan.cols[f];
            long s0 = plan.group[f] * lay.statGroup() + (long) plan.rowFold[f] * rr * lay.statRow()
                    + (long) plan.colFold[f] * cc * lay.statCol();
            for (int j = 0; j < cols; j++) {
                long q = t - loadStart[f] - (scale ? 0 : j);
                if (q < 0 || q >= depth) {
                    continue;
                }
                for (int p = (int) q, x = p * cc + j; p >= 0; p--, x -= cc) {
                    if (shadow ? wShFold[x] != 0 : wActFold[x] != 0 && !wDone[x]) {
                        throw new StructuralHazardException("stationary word of PE(" + p + "," + j
                                + ") overwritten before use", t);
                    }
                    if (!shadow) {
                        wActFold[x] = 0;
                    }
                    loadTarget[x] = p == 0 ? stat[(int) (s0 + (depth - 1 - q) * lay.statRow()
                            + (long) j * lay.statCol())] : loadTarget[x - cc];
                }
                if (q == depth - 1) {
                    for (int p = 0, x = j; p < depth; p++, x += cc) {
                        loadTargetFold[x] = f + 1;
                        wDone[x] = shadow && wDone[x];
                    }
                }
            }
        }
    }
}
