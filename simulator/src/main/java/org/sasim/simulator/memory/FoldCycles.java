package org.sasim.simulator.memory;

import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.FoldTiming;

/**
 * Compute cycles of each fold of a layer, in the array's fold order (group, column fold, row fold), as the array's
 * fold schedule gives them. The memory model adds stalls around these cycles and never changes them; when folds
 * overlap (fill of one under the drain of the previous), fold f is charged {@code end(f) - end(f-1)} so that the
 * charges add up to the layer's compute cycles.
 */
@FunctionalInterface
public interface FoldCycles {
    /**
     * The charges of the array's fold schedule: fold f is charged how far it pushes the running latest fold end,
     * and the last fold absorbs the convention's final adjustment (SCALE-Sim's -1), so the charges sum to
     * {@link FoldSchedule#cycles()}. Keeps one long per fold.
     */
    static FoldCycles of(FoldSchedule schedule) {
        long folds = schedule.folds();
        if (folds > Integer.MAX_VALUE - 16) {
            throw new IllegalArgumentException(folds + " folds are too many to keep per-fold charges");
        }
        long[] ends = new long[(int) folds];
        long max = 0;
        int i = 0;
        for (FoldTiming f : schedule) {
            max = Math.max(max, f.endCycle());
            ends[i++] = max;
        }
        if (folds > 0) {
            ends[(int) folds - 1] = schedule.cycles();
        }
        return fromEndCycles(ends);
    }

    /** Cycles charged to fold {@code fold} (0-based, in schedule order). */
    long cycles(long fold);

    /** Every fold costs {@code cyclesPerFold}. */
    static FoldCycles uniform(long cyclesPerFold) {
        return f -> cyclesPerFold;
    }

    /** Fold f is charged {@code ends[f] - ends[f-1]} (with {@code ends[-1] = 0}); ends are fold end cycles. */
    static FoldCycles fromEndCycles(long[] ends) {
        long[] copy = ends.clone();
        return f -> copy[(int) f] - (f == 0 ? 0 : copy[(int) f - 1]);
    }
}
