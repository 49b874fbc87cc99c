package org.sasim.simulator.compute;

import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * SCALE-Sim v2's compute model, reproduced exactly (see {@code ../shared/reference/scalesim/README.md}).
 * <ul>
 *   <li>Every fold costs the full array, even when partial: os {@code T+R+C-2} cycles; ws/is {@code 2R+C+T-2}
 *       (R cycles to load the stationary operand, then {@code T+R+C-2}).</li>
 *   <li>Folds run back to back without overlap; the layer total is {@code folds * perFold - 1} (the -1 is
 *       SCALE-Sim's; fold end cycles here are not reduced by it, only the layer total is).</li>
 *   <li>Compute utilization per fold: {@code r*c*T / (R*C*cyc)} with {@code cyc = T+R+C-2} for os and
 *       {@code 2R+2C+T-3} for ws/is (one drain longer than the cycles it charges - SCALE-Sim's quirk).</li>
 *   <li>SRAM counts: the words each fold uses, except os OFMAP writes, which gain {@code R+C} per fold
 *       (SCALE-Sim's bookkeeping quirk: {@code M*N + folds*(R+C)} in total). No partial-sum read-back.</li>
 * </ul>
 */
public record ScaleSimConvention() implements TimingConvention {

    @Override
    public String name() {
        return "scalesim";
    }

    /** SCALE-Sim's cycles per fold: os {@code T+R+C-2}; ws/is {@code 2R+C+T-2}. */
    public long perFoldCycles(ArrayMapping m) {
        long base = (long) m.streamed() + m.arrayRows() + m.arrayCols() - 2;
        return m.dataflow() == Dataflow.OUTPUT_STATIONARY ? base : base + m.arrayRows();
    }

    @Override
    public long leadCycles(ArrayMapping m, int rows) {
        return m.dataflow() == Dataflow.OUTPUT_STATIONARY ? 0 : m.arrayRows();
    }

    @Override
    public long issueInterval(ArrayMapping m, int rows, int nextRows) {
        return perFoldCycles(m);
    }

    @Override
    public long streamToEnd(ArrayMapping m, int rows, int cols) {
        return perFoldCycles(m) - leadCycles(m, rows);
    }

    @Override
    public long layerCycles(long lastEnd) {
        return lastEnd - 1;
    }

    @Override
    public SramAccesses foldSram(ArrayMapping m, int rowFold, int rows, int cols) {
        SramAccesses used = TimingConvention.usedWords(m, rowFold, rows, cols, false);
        if (m.dataflow() == Dataflow.OUTPUT_STATIONARY) {
            return used.plus(new SramAccesses(0, 0, 0, (long) m.arrayRows() + m.arrayCols()));
        }
        return used;
    }

    @Override
    public long computeUtilCycles(ArrayMapping m, FoldTiming fold) {
        long base = (long) m.streamed() + m.arrayRows() + m.arrayCols() - 2;
        return m.dataflow() == Dataflow.OUTPUT_STATIONARY ? base : base + m.arrayRows() + m.arrayCols() - 1;
    }
}
