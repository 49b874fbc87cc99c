package org.sasim.simulator.compute;

import java.util.Iterator;
import java.util.NoSuchElementException;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;

/**
 * The folds of one mapped layer under a timing convention, in execution order (groups outermost, column folds,
 * then row folds innermost), generated lazily; and the layer totals. Construction walks the folds once
 * (O(folds), no per-cycle state).
 */
public final class FoldSchedule implements Iterable<FoldTiming> {
    private final ArrayMapping mapping;
    private final TimingConvention convention;
    private final long cycles;
    private final SramAccesses sram;
    private final double mappingEfficiency;
    private final double computeUtilization;

    /** Schedules {@code mapping} under {@code convention}. */
    public FoldSchedule(ArrayMapping mapping, TimingConvention convention) {
        if (mapping == null || convention == null) {
            throw new IllegalArgumentException("fold schedule needs a mapping and a convention");
        }
        this.mapping = mapping;
        this.convention = convention;
        long lastEnd = 0;
        SramAccesses total = SramAccesses.NONE;
        double eff = 0;
        double util = 0;
        double pes = (double) mapping.arrayRows() * mapping.arrayCols();
        for (FoldTiming f : this) {
            lastEnd = Math.max(lastEnd, f.endCycle());
            total = total.plus(f.sram());
            eff += f.rowsUsed() * (double) f.colsUsed() / pes;
            util += (double) f.macs() / (pes * convention.computeUtilCycles(mapping, f));
        }
        long n = mapping.folds();
        this.cycles = convention.layerCycles(lastEnd);
        this.sram = total;
        this.mappingEfficiency = eff / n;
        this.computeUtilization = util / n;
    }

    /** Places {@code gemm} on {@code array} and schedules it under {@code convention}. */
    public static FoldSchedule of(Gemm gemm, ArraySpec array, TimingConvention convention) {
        return new FoldSchedule(ArrayMapping.of(gemm, array), convention);
    }

    public ArrayMapping mapping() {
        return mapping;
    }

    public TimingConvention convention() {
        return convention;
    }

    /** The layer's compute cycles (cycles). */
    public long cycles() {
        return cycles;
    }

    /** Number of folds over all groups. */
    public long folds() {
        return mapping.folds();
    }

    /** Multiply-accumulates over all groups. */
    public long macs() {
        return (long) mapping.spatialRows() * mapping.spatialCols() * mapping.streamed() * mapping.groups();
    }

    /** Total SRAM words moved at the array edges. */
    public SramAccesses sram() {
        return sram;
    }

    /** Mean over folds of the fraction of PEs holding work (0..1). */
    public double mappingEfficiency() {
        return mappingEfficiency;
    }

    /** {@code MACs / (cycles * R * C)} (0..1). */
    public double utilization() {
        return macs() / ((double) cycles * mapping.arrayRows() * mapping.arrayCols());
    }

    /** Mean over folds of the convention's per-fold compute utilization (0..1). */
    public double computeUtilization() {
        return computeUtilization;
    }

    @Override
    public Iterator<FoldTiming> iterator() {
        return new Iterator<>() {
            private final int rowFolds = mapping.rowFolds();
            private final int colFolds = mapping.colFolds();
            private long index;
            private int group;
            private int colFold;
            private int rowFold;
            private long streamStart = convention.leadCycles(mapping, mapping.rowsUsed(0));

            @Override
            public boolean hasNext() {
                return group < mapping.groups();
            }

            @Override
            public FoldTiming next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                int rows = mapping.rowsUsed(rowFold);
                int cols = mapping.colsUsed(colFold);
                long start = streamStart - convention.leadCycles(mapping, rows);
                long end = streamStart + convention.streamToEnd(mapping, rows, cols);
                FoldTiming f = new FoldTiming(index, group, rowFold, colFold, rows, cols, mapping.streamed(), start,
                        streamStart, end, convention.foldSram(mapping, rowFold, rows, cols));
                index++;
                if (++rowFold == rowFolds) {
                    rowFold = 0;
                    if (++colFold == colFolds) {
                        colFold = 0;
                        group++;
                    }
                }
                streamStart += convention.issueInterval(mapping, rows, mapping.rowsUsed(rowFold));
                return f;
            }
        };
    }
}
