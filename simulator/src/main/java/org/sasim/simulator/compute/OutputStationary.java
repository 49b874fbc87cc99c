package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * Output-stationary array, cycle by cycle. Row i of the left edge streams A[m_i][0..K-1] (skewed by i), column j
 * of the top edge streams B[0..K-1][n_j] (skewed by j); A moves right and B down one PE per cycle; PE(i,j)
 * accumulates its output from +0 over k ascending. In the sasim convention the last MAC's result enters the PE's
 * output-chain register (the accumulator restarts from +0), the chain shifts up one row per cycle and row 0's
 * register is written to SRAM in the next cycle, each column's folds in order (checked). Folds stream at the
 * convention's stream starts: the rule behind them - the next fold's first result may enter column 0's chain only
 * after the previous fold's last result has left row 0 - is about the cycle T-1 after the stream start, when that
 * last result may not even be computed yet, so no register at the decision cycle shows it (and chain collisions
 * alone would not forbid an earlier start: two folds' results meet in one register only at even offsets, so odd
 * ones would interleave the folds' writes). In the scalesim convention outputs are taken
 * at the last MAC (SCALE-Sim does not time the drain), unused rows and columns carry padding tokens so every fold
 * sweeps the full array, and the next fold streams as soon as the previous one has finished entering and the array
 * has gone idle.
 */
public final class OutputStationary implements SystolicEngine {

    @Override
    public CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention) {
        if (array.dataflow() != Dataflow.OUTPUT_STATIONARY) {
            throw new IllegalArgumentException("output-stationary engine given a " + array.dataflow() + " array");
        }
        return new Run(op, array, convention, null).run();
    }

    /**
     * Runs {@code op} in the sasim convention with the given stream starts instead of the schedule's (to show what
     * the hardware does with other starts: a hazard, or the same outputs).
     */
    CycleRun runWithStreamStarts(GemmOperands op, ArraySpec array, long[] streamStarts) {
        return new Run(op, array, TimingConvention.sasim(), streamStarts).run();
    }

    /** The state of one layer's run: register planes, edge ports and the fold controller. */
    private static final class Run {
        private final FoldPlan plan;
        private final TimingConvention convention;
        private final boolean scale;
        private final boolean fp;
        private final int rr;
        private final int cc;
        private final int tLen;
        private final int mm;
        private final int nn;
        private final int[] a;
        private final int[] b;
        private final int[] out;
        private final long[] ends;
        private final long[] start;
        private final RegisterPlane aReg;
        private final RegisterPlane bReg;
        private final RegisterPlane chain;
        private final int[] acc;
        private final int[] lastFoldOut;
        private final EdgePorts left;
        private final EdgePorts top;
        private final IdleIssue idle = new IdleIssue();
        private int chainWords;
        private int nextFold;
        private int firstLive;

        Run(GemmOperands op, ArraySpec array, TimingConvention convention, long[] streamStarts) {
            Gemm g = op.gemm();
            this.plan = new FoldPlan(FoldSchedule.of(g, array, convention));
            this.convention = convention;
            this.scale = convention instanceof ScaleSimConvention;
            this.fp = op.datatype() != Datatype.INT8;
            this.rr = array.rows();
            this.cc = array.cols();
            this.tLen = g.k();
            this.mm = g.m();
            this.nn = g.n();
            this.a = op.a();
            this.b = op.b();
            this.out = new int[op.outputWords()];
            this.ends = new long[plan.count];
            this.start = scale ? new long[plan.count]
                    : (streamStarts != null ? streamStarts : plan.streamStart).clone();
            this.aReg = new RegisterPlane(rr, cc);
            this.bReg = new RegisterPlane(rr, cc);
            this.chain = new RegisterPlane(rr, cc);
            this.acc = new int[rr * cc];
            this.lastFoldOut = new int[cc];
            this.left = new EdgePorts(rr, "left");
            this.top = new EdgePorts(cc, "top");
        }

        CycleRun run() {
            for (long t = 0;; t++) {
                issue(t);
                while (firstLive < nextFold && !EdgePorts.stillDriving(t, start[firstLive], tLen, Math.max(rr, cc))) {
                    firstLive++;
                }
                if (firstLive == plan.count && chainWords == 0 && aReg.isEmpty() && bReg.isEmpty()) {
                    return CycleRun.measured(convention, ends, out, start);
                }
                if (chainWords > 0) {
                    drainChain(t);
                }
                driveEdges(t);
                aReg.shiftRight(left);
                bReg.shiftDown(top);
                long occupied = fp ? macFp32(t) : macInt32(t);
                if (scale) {
                    if (occupied != FoldTag.EMPTY) {
                        ends[nextFold - 1] = t + 1;
                    }
                    idle.observe(aReg, bReg);
                }
            }
        }

        /** sasim: the schedule's stream start; scalesim: once the last fold has entered and nothing would move. */
        private void issue(long t) {
            if (nextFold == plan.count) {
                return;
            }
            if (!scale) {
                if (start[nextFold] == t) {
                    nextFold++;
                }
            } else if (idle.ready(t, start, nextFold, tLen, Math.max(rr, cc))) {
                start[nextFold++] = t;
            }
        }

        /**
         * Row 0's chain registers (latched last cycle) are written to SRAM, each column's folds in order; the chain
         * shifts up.
         */
        private void drainChain(long t) {
            for (int j = 0; j < cc; j++) {
                long tag = chain.tag[j];
                if (tag != FoldTag.EMPTY) {
                    int f = FoldTag.fold(tag);
                    if (f < lastFoldOut[j]) {
                        throw new StructuralHazardException("column " + j + " wrote a result of fold " + f
                                + " after one of fold " + lastFoldOut[j], t);
                    }
                    lastFoldOut[j] = f;
                    out[FoldTag.index(tag)] = chain.word[j];
                    ends[f] = t + 1;
                    chainWords--;
                }
            }
            chain.shiftUp();
        }

        private void driveEdges(long t) {
            left.clear();
            top.clear();
            int kk = tLen;
            for (int f = firstLive; f < nextFold; f++) {
                long aBase = ((long) plan.group[f] * mm + (long) plan.rowFold[f] * rr) * kk;
                long bBase = (long) plan.group[f] * kk * nn + (long) plan.colFold[f] * cc;
                left.driveSkewed(t, start[f], tLen, scale ? rr : plan.rows[f], plan.rows[f], f, a, aBase, kk, 1);
                top.driveSkewed(t, start[f], tLen, scale ? cc : plan.cols[f], plan.cols[f], f, b, bBase, 1, nn);
            }
        }

        /**
         * Every PE with a matching real operand pair accumulates in fp32; on the fold's last step it finishes.
         * Returns the OR of all operand tags (0: the array holds no word).
         */
        private long macFp32(long t) {
            final long[] at = aReg.tag;
            final long[] bt = bReg.tag;
            final int[] aw = aReg.word;
            final int[] bw = bReg.word;
            final int[] ac = acc;
            long any = 0;
            for (int x = 0; x < ac.length; x++) {
                long ta = at[x];
                long tb = bt[x];
                any |= ta | tb;
                if (ta != tb) {
                    otherCase(x, t);
                } else if (ta > 0) {
                    int s = Float.floatToRawIntBits(Float.intBitsToFloat(ac[x])
                            + Float.intBitsToFloat(aw[x]) * Float.intBitsToFloat(bw[x]));
                    if ((ta & 1) == 0) {
                        ac[x] = s;
                    } else {
                        ac[x] = 0;
                        finish(FoldTag.fold(ta), x, s, t);
                    }
                }
            }
            return any;
        }

        /** As {@link #macFp32}, in int32. */
        private long macInt32(long t) {
            final long[] at = aReg.tag;
            final long[] bt = bReg.tag;
            final int[] aw = aReg.word;
            final int[] bw = bReg.word;
            final int[] ac = acc;
            long any = 0;
            for (int x = 0; x < ac.length; x++) {
                long ta = at[x];
                long tb = bt[x];
                any |= ta | tb;
                if (ta != tb) {
                    otherCase(x, t);
                } else if (ta > 0) {
                    int s = ac[x] + aw[x] * bw[x];
                    if ((ta & 1) == 0) {
                        ac[x] = s;
                    } else {
                        ac[x] = 0;
                        finish(FoldTag.fold(ta), x, s, t);
                    }
                }
            }
            return any;
        }

        /** PE(i,j) got unequal tags: an operand passing a PE its fold does not use, padding with data, or a hazard. */
        private void otherCase(int x, long t) {
            int i = x / cc;
            int j = x % cc;
            long ta = aReg.tag[x];
            long tb = bReg.tag[x];
            if (ta != FoldTag.EMPTY && tb != FoldTag.EMPTY) {
                if (!FoldTag.sameStep(ta, tb)) {
                    throw new StructuralHazardException("PE(" + i + "," + j + ") got operands of different folds or"
                            + " steps", t);
                }
            } else if ((ta > 0 && j < plan.cols[FoldTag.fold(ta)]) || (tb > 0 && i < plan.rows[FoldTag.fold(tb)])) {
                throw new StructuralHazardException("PE(" + i + "," + j + ") is missing an operand", t);
            }
        }

        /** The finished output of PE x: written at once (scalesim) or put on the PE's output-chain register. */
        private void finish(int f, int x, int value, long t) {
            int i = x / cc;
            int j = x % cc;
            int o = (int) (((long) plan.group[f] * mm + (long) plan.rowFold[f] * rr + i) * nn
                    + (long) plan.colFold[f] * cc + j);
            if (scale) {
                out[o] = value;
                return;
            }
            if (chain.tag[x] != FoldTag.EMPTY) {
                throw new StructuralHazardException("output chain collision at PE(" + i + "," + j + ")", t);
            }
            chain.word[x] = value;
            chain.tag[x] = FoldTag.result(f, o);
            chainWords++;
        }
    }
}
