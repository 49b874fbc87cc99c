package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;

/**
 * Output-stationary array, cycle by cycle. Row i of the left edge streams A[m_i][0..K-1] (skewed by i), column j
 * of the top edge streams B[0..K-1][n_j] (skewed by j); A moves right and B down one PE per cycle; PE(i,j)
 * accumulates its output from +0 over k ascending. In the sasim convention the last MAC's result enters the PE's
 * output-chain register, the chain shifts up one row per cycle and row 0's register is written to SRAM in the next
 * cycle; in the scalesim convention outputs are taken at the last MAC (SCALE-Sim does not time the drain) and unused
 * rows and columns carry padding tokens, so every fold sweeps the full array.
 */
public final class OutputStationary implements SystolicEngine {

    @Override
    public CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention) {
        if (array.dataflow() != Dataflow.OUTPUT_STATIONARY) {
            throw new IllegalArgumentException("output-stationary engine given a " + array.dataflow() + " array");
        }
        Gemm g = op.gemm();
        ArrayMapping map = ArrayMapping.of(g, array);
        FoldPlan plan = new FoldPlan(convention.schedule(map));
        boolean scale = convention instanceof ScaleSimConvention;
        Arithmetic ar = Arithmetic.of(op.datatype());
        final int rr = array.rows();
        final int cc = array.cols();
        final int tLen = g.k();
        final int mm = g.m();
        final int nn = g.n();
        final int kk = g.k();
        final int[] a = op.a();
        final int[] b = op.b();
        final int[] out = new int[op.outputWords()];
        final int nFolds = plan.count;
        final long[] ends = new long[nFolds];
        final long[] start = scale ? new long[nFolds] : plan.streamStart;
        final int pes = rr * cc;
        int[] aV = new int[pes];
        int[] aTag = new int[pes];
        int[] aT = new int[pes];
        int[] bV = new int[pes];
        int[] bTag = new int[pes];
        int[] bT = new int[pes];
        int[] acc = new int[pes];
        int[] chV = new int[pes];
        int[] chTag = new int[pes];
        int[] chIdx = new int[pes];
        int[] edgeAV = new int[rr];
        int[] edgeATag = new int[rr];
        int[] edgeAT = new int[rr];
        int[] edgeBV = new int[cc];
        int[] edgeBTag = new int[cc];
        int[] edgeBT = new int[cc];
        final long injectSpan = tLen + Math.max(rr, cc) - 1L;
        int nextFold = 0;
        int firstLive = 0;
        boolean pending = false;
        boolean anyToken = false;
        for (long t = 0;; t++) {
            // controller: issue the next fold
            if (nextFold < nFolds) {
                if (scale) {
                    boolean injected = nextFold == 0 || t >= start[nextFold - 1] + injectSpan;
                    if (injected && !pending) {
                        start[nextFold++] = t;
                    }
                } else if (start[nextFold] == t) {
                    nextFold++;
                }
            }
            while (firstLive < nextFold && t >= start[firstLive] + injectSpan) {
                firstLive++;
            }
            if (nextFold == nFolds && firstLive == nFolds && !anyToken) {
                long last = 0;
                for (long e : ends) {
                    last = Math.max(last, e);
                }
                return new CycleRun(convention.layerCycles(last), ends, out);
            }
            // edge injection (skewed)
            java.util.Arrays.fill(edgeATag, 0);
            java.util.Arrays.fill(edgeBTag, 0);
            for (int f = firstLive; f < nextFold; f++) {
                long base = t - start[f];
                int rows = plan.rows[f];
                int cols = plan.cols[f];
                int aRow0 = (plan.group[f] * mm + plan.rowFold[f] * rr) * kk;
                int bCol0 = plan.group[f] * kk * nn + plan.colFold[f] * cc;
                int rLim = scale ? rr : rows;
                for (int i = 0; i < rLim; i++) {
                    long tt = base - i;
                    if (tt >= 0 && tt < tLen) {
                        if (edgeATag[i] != 0) {
                            throw new StructuralHazardException("two folds on left edge row " + i, t);
                        }
                        boolean real = i < rows;
                        edgeATag[i] = real ? f + 1 : -(f + 1);
                        edgeAT[i] = (int) tt;
                        edgeAV[i] = real ? a[aRow0 + i * kk + (int) tt] : 0;
                    }
                }
                int cLim = scale ? cc : cols;
                for (int j = 0; j < cLim; j++) {
                    long tt = base - j;
                    if (tt >= 0 && tt < tLen) {
                        if (edgeBTag[j] != 0) {
                            throw new StructuralHazardException("two folds on top edge column " + j, t);
                        }
                        boolean real = j < cols;
                        edgeBTag[j] = real ? f + 1 : -(f + 1);
                        edgeBT[j] = (int) tt;
                        edgeBV[j] = real ? b[bCol0 + (int) tt * nn + j] : 0;
                    }
                }
            }
            anyToken = false;
            // output chain (sasim): row 0 written to SRAM, the rest shift up
            if (!scale) {
                for (int j = 0; j < cc; j++) {
                    if (chTag[j] != 0) {
                        out[chIdx[j]] = chV[j];
                        ends[chTag[j] - 1] = t + 1;
                    }
                    int p = 0;
                    for (; p < rr - 1; p++) {
                        int d = p * cc + j;
                        chV[d] = chV[d + cc];
                        chTag[d] = chTag[d + cc];
                        chIdx[d] = chIdx[d + cc];
                        if (chTag[d] != 0) {
                            anyToken = true;
                        }
                    }
                    chTag[p * cc + j] = 0;
                }
            }
            // PEs, in reverse flow order so every PE reads its neighbours' previous-cycle registers
            boolean pend = false;
            for (int i = rr - 1; i >= 0; i--) {
                for (int j = cc - 1; j >= 0; j--) {
                    int x = i * cc + j;
                    int av;
                    int atg;
                    int at;
                    if (j == 0) {
                        av = edgeAV[i];
                        atg = edgeATag[i];
                        at = edgeAT[i];
                    } else {
                        av = aV[x - 1];
                        atg = aTag[x - 1];
                        at = aT[x - 1];
                    }
                    int bv;
                    int btg;
                    int bt;
                    if (i == 0) {
                        bv = edgeBV[j];
                        btg = edgeBTag[j];
                        bt = edgeBT[j];
                    } else {
                        bv = bV[x - cc];
                        btg = bTag[x - cc];
                        bt = bT[x - cc];
                    }
                    aV[x] = av;
                    aTag[x] = atg;
                    aT[x] = at;
                    bV[x] = bv;
                    bTag[x] = btg;
                    bT[x] = bt;
                    if (atg == 0 && btg == 0) {
                        continue;
                    }
                    anyToken = true;
                    if ((atg != 0 && j < cc - 1) || (btg != 0 && i < rr - 1)) {
                        pend = true;
                    }
                    if (atg != 0 && btg != 0) {
                        int f = Math.abs(atg) - 1;
                        if (f != Math.abs(btg) - 1 || at != bt) {
                            throw new StructuralHazardException("PE(" + i + "," + j + ") got operands of different"
                                    + " folds or steps", t);
                        }
                        if (scale) {
                            ends[f] = t + 1;
                        }
                        if (atg > 0 && btg > 0) {
                            int s = ar.mac(at == 0 ? 0 : acc[x], av, bv);
                            acc[x] = s;
                            if (at == tLen - 1) {
                                int o = (plan.group[f] * mm + plan.rowFold[f] * rr + i) * nn
                                        + plan.colFold[f] * cc + j;
                                if (scale) {
                                    out[o] = s;
                                } else {
                                    if (chTag[x] != 0) {
                                        throw new StructuralHazardException("output chain collision at PE(" + i + ","
                                                + j + ")", t);
                                    }
                                    chV[x] = s;
                                    chTag[x] = f + 1;
                                    chIdx[x] = o;
                                }
                            }
                        }
                    } else if ((atg > 0 && j < plan.cols[atg - 1]) || (btg > 0 && i < plan.rows[btg - 1])) {
                        throw new StructuralHazardException("PE(" + i + "," + j + ") is missing an operand", t);
                    }
                }
            }
            pending = pend;
        }
    }
}
