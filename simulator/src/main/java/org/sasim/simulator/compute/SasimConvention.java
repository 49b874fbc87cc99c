package org.sasim.simulator.compute;

import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * sasim's model of a real systolic array (derivation and tables in {@code docs/timing.md}). For a fold using r rows
 * and c columns with streamed length T on an R x C array, with s its stream start:
 * <ul>
 *   <li><b>os</b>: operands enter skewed (row i at s+t+i, column j at s+t+j); PE(i,j) does its last MAC at
 *       s+T-1+i+j and puts the result on an upward output chain; it leaves the top edge and is written at
 *       s+T+2i+j. End = s + T + 2r + c - 2. Next stream start: s + max(T, 2r-1) (the edge ports are busy T cycles;
 *       the output chain of column j must be empty at row 0 before the next fold's first result enters it).</li>
 *   <li><b>ws/is</b>: the stationary operand is loaded down each column through a valid-gated shift chain in r
 *       cycles, just in time (fold start = s - r); partial sums enter the top as +0, pass unused rows unchanged and
 *       are written to the output accumulator below row R-1 at s+m+R+j. End = s + T + R + c - 1.
 *       With shadow registers the next fold's stationary words load while this fold streams and are swapped in
 *       by the wavefront: next stream start s + max(T, r'); without them the load waits for this fold's last MAC
 *       at each PE: s + T + r' (r' = rows of the next fold). The first fold starts streaming at r.</li>
 *   <li>Partial folds read, write and load only the words they use; ws/is partial sums of row folds after the first
 *       are read back and accumulated (counted as OFMAP reads). The layer takes until the last fold's end.</li>
 *   <li>Compute utilization of a fold: {@code r*c*T / (R*C*(end-start))}.</li>
 * </ul>
 *
 * @param shadowStationary ws/is PEs hold a second (shadow) stationary register, loaded while the current fold
 *                         streams
 */
public record SasimConvention(boolean shadowStationary) implements TimingConvention {

    @Override
    public String name() {
        return "sasim";
    }

    @Override
    public long leadCycles(ArrayMapping m, int rows) {
        return m.dataflow() == Dataflow.OUTPUT_STATIONARY ? 0 : rows;
    }

    @Override
    public long issueInterval(ArrayMapping m, int rows, int nextRows) {
        long t = m.streamed();
        if (m.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            return Math.max(t, 2L * rows - 1);
        }
        return shadowStationary ? Math.max(t, nextRows) : t + nextRows;
    }

    @Override
    public long streamToEnd(ArrayMapping m, int rows, int cols) {
        long t = m.streamed();
        if (m.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            return t + 2L * rows + cols - 2;
        }
        return t + m.arrayRows() + cols - 1;
    }

    @Override
    public long layerCycles(long lastEnd) {
        return lastEnd;
    }

    @Override
    public SramAccesses foldSram(ArrayMapping m, int rowFold, int rows, int cols) {
        return TimingConvention.usedWords(m, rowFold, rows, cols, true);
    }

    @Override
    public long computeUtilCycles(ArrayMapping m, FoldTiming fold) {
        return fold.span();
    }
}
