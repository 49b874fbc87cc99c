package org.sasim.simulator.compute;

import java.util.Arrays;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * The cycle loop shared by the weight- and input-stationary arrays (K on the rows). Per fold: the stationary words
 * of column j enter at its top and shift down a valid-gated chain (sasim: from cycle s-r+j, r cycles, into the shadow
 * registers when present, else into the active ones once each PE's last MAC of the previous fold is done; scalesim:
 * R cycles before the stream, all columns at once, array idle). Row k of the left edge streams the k-th operand
 * skewed by k; a partial sum enters the top of each used column as +0 skewed by the column, gains
 * {@code a*w} in each used row and passes unused rows unchanged. The sum leaving row R-1 is added to the output
 * (sasim: in the next cycle; scalesim: at once). With shadow registers each PE swaps in the new stationary word
 * when the first streamed word of the new fold reaches it.
 */
final class StationaryCore {
    private StationaryCore() {
    }

    static CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention, StationaryLayout lay) {
        ArrayMapping map = ArrayMapping.of(op.gemm(), array);
        FoldPlan plan = new FoldPlan(convention.schedule(map));
        boolean scale = convention instanceof ScaleSimConvention;
        boolean shadow = convention instanceof SasimConvention s && s.shadowStationary();
        Arithmetic ar = Arithmetic.of(op.datatype());
        final int rr = array.rows();
        final int cc = array.cols();
        final int tLen = map.streamed();
        final int[] stat = lay.stationaryFromB() ? op.b() : op.a();
        final int[] strm = lay.stationaryFromB() ? op.a() : op.b();
        final int[] out = new int[op.outputWords()];
        final int nFolds = plan.count;
        final long[] ends = new long[nFolds];
        final long[] start = scale ? new long[nFolds] : plan.streamStart;
        final long[] loadStart = new long[nFolds];
        if (!scale) {
            for (int f = 0; f < nFolds; f++) {
                loadStart[f] = start[f] - plan.rows[f];
            }
        }
        final int pes = rr * cc;
        int[] aV = new int[pes];
        int[] aTag = new int[pes];
        int[] aT = new int[pes];
        int[] pV = new int[pes];
        int[] pTag = new int[pes];
        int[] pT = new int[pes];
        int[] wAct = new int[pes];
        int[] wActTag = new int[pes];
        boolean[] wDone = new boolean[pes];
        int[] wSh = new int[pes];
        int[] wShTag = new int[pes];
        int[] loadTarget = shadow ? wSh : wAct;
        int[] edgeAV = new int[rr];
        int[] edgeATag = new int[rr];
        int[] edgeAT = new int[rr];
        int[] topTag = new int[cc];
        int[] topT = new int[cc];
        final long injectSpan = tLen + Math.max(rr, cc) - 1L;
        int nextFold = 0;
        int firstLive = 0;
        boolean pending = false;
        boolean anyToken = false;
        for (long t = 0;; t++) {
            if (nextFold < nFolds) {
                if (scale) {
                    boolean injected = nextFold == 0 || t >= start[nextFold - 1] + injectSpan;
                    if (injected && !pending) {
                        loadStart[nextFold] = t + rr - plan.rows[nextFold];
                        start[nextFold] = t + rr;
                        nextFold++;
                    }
                } else {
                    while (nextFold < nFolds && loadStart[nextFold] == t) {
                        nextFold++;
                    }
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
            // psums leaving row R-1 at the end of the last cycle reach the output accumulators (sasim)
            int bottom = (rr - 1) * cc;
            if (!scale) {
                for (int j = 0; j < cc; j++) {
                    int tg = pTag[bottom + j];
                    if (tg > 0) {
                        int o = outIndex(plan, lay, tg - 1, cc, j, pT[bottom + j]);
                        out[o] = ar.add(out[o], pV[bottom + j]);
                        ends[tg - 1] = t + 1;
                    }
                }
            }
            // edges: streamed operand on the left, +0 partial sums on the top
            Arrays.fill(edgeATag, 0);
            Arrays.fill(topTag, 0);
            for (int f = firstLive; f < nextFold; f++) {
                long base = t - start[f];
                int rows = plan.rows[f];
                int cols = plan.cols[f];
                long s0 = plan.group[f] * lay.strGroup() + (long) plan.rowFold[f] * rr * lay.strRow();
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
                        edgeAV[i] = real ? strm[(int) (s0 + (long) i * lay.strRow() + tt * lay.strStep())] : 0;
                    }
                }
                int cLim = scale ? cc : cols;
                for (int j = 0; j < cLim; j++) {
                    long tt = base - j;
                    if (tt >= 0 && tt < tLen) {
                        if (topTag[j] != 0) {
                            throw new StructuralHazardException("two folds on top edge column " + j, t);
                        }
                        topTag[j] = j < cols ? f + 1 : -(f + 1);
                        topT[j] = (int) tt;
                    }
                }
            }
            // PEs in reverse flow order
            anyToken = false;
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
                    int pv;
                    int ptg;
                    int pt;
                    if (i == 0) {
                        pv = 0;
                        ptg = topTag[j];
                        pt = topT[j];
                    } else {
                        pv = pV[x - cc];
                        ptg = pTag[x - cc];
                        pt = pT[x - cc];
                    }
                    aV[x] = av;
                    aTag[x] = atg;
                    aT[x] = at;
                    if (atg == 0 && ptg == 0) {
                        pTag[x] = 0;
                        continue;
                    }
                    anyToken = true;
                    if ((atg != 0 && j < cc - 1) || (ptg != 0 && i < rr - 1)) {
                        pend = true;
                    }
                    if (scale) {
                        ends[Math.abs(atg != 0 ? atg : ptg) - 1] = t + 1;
                        if (atg != 0 && ptg != 0 && atg != ptg && atg != -ptg) {
                            throw new StructuralHazardException("PE(" + i + "," + j + ") got two folds", t);
                        }
                    }
                    if (atg > 0 && j < plan.cols[atg - 1]) {
                        int f = atg - 1;
                        if (wActTag[x] != atg) {
                            if (!shadow || wShTag[x] != atg) {
                                throw new StructuralHazardException("PE(" + i + "," + j + ") has no stationary word"
                                        + " for fold " + f, t);
                            }
                            wAct[x] = wSh[x];
                            wActTag[x] = atg;
                            wShTag[x] = 0;
                        }
                        if (ptg != atg || pt != at) {
                            throw new StructuralHazardException("PE(" + i + "," + j + ") got an operand without its"
                                    + " partial sum", t);
                        }
                        pv = ar.mac(pv, av, wAct[x]);
                        if (at == tLen - 1) {
                            wDone[x] = true;
                        }
                    } else if (ptg > 0 && i < plan.rows[ptg - 1]) {
                        throw new StructuralHazardException("PE(" + i + "," + j + ") got a partial sum without its"
                                + " operand", t);
                    }
                    pV[x] = pv;
                    pTag[x] = ptg;
                    pT[x] = pt;
                    if (scale && i == rr - 1 && ptg > 0) {
                        int o = outIndex(plan, lay, ptg - 1, cc, j, pt);
                        out[o] = ar.add(out[o], pv);
                    }
                }
            }
            pending = pend;
            // stationary loads: valid-gated shift chains down the columns
            for (int f = firstLive; f < nextFold; f++) {
                int depth = plan.rows[f];
                int cols = plan.cols[f];
                long s0 = plan.group[f] * lay.statGroup() + (long) plan.rowFold[f] * rr * lay.statRow()
                        + (long) plan.colFold[f] * cc * lay.statCol();
                for (int j = 0; j < cols; j++) {
                    long q = t - loadStart[f] - (scale ? 0 : j);
                    if (q < 0 || q >= depth) {
                        continue;
                    }
                    for (int p = (int) Math.min(q, depth - 1); p >= 0; p--) {
                        int x = p * cc + j;
                        if (shadow ? wShTag[x] != 0 : wActTag[x] != 0 && !wDone[x]) {
                            throw new StructuralHazardException("stationary word of PE(" + p + "," + j
                                    + ") overwritten before use", t);
                        }
                        wActTag[x] = shadow ? wActTag[x] : 0;
                        loadTarget[x] = p == 0 ? stat[(int) (s0 + (depth - 1 - q) * lay.statRow()
                                + (long) j * lay.statCol())] : loadTarget[x - cc];
                    }
                    if (q == depth - 1) {
                        for (int p = 0; p < depth; p++) {
                            int x = p * cc + j;
                            if (shadow) {
                                wShTag[x] = f + 1;
                            } else {
                                wActTag[x] = f + 1;
                                wDone[x] = false;
                            }
                        }
                    }
                }
            }
        }
    }

    private static int outIndex(FoldPlan plan, StationaryLayout lay, int f, int cc, int j, int step) {
        return (int) (plan.group[f] * lay.outGroup() + (long) (plan.colFold[f] * cc + j) * lay.outCol()
                + (long) step * lay.outStep());
    }
}
