package org.sasim.simulator.memory;

/**
 * Compute cycles of each fold of a layer, in the array's fold order (group, column fold, row fold), as the array's
 * fold schedule gives them. The memory model adds stalls around these cycles and never changes them; when folds
 * overlap (fill of one under the drain of the previous), fold f is charged {@code end(f) - end(f-1)} so that the
 * charges add up to the layer's compute cycles.
 */
@FunctionalInterface
public interface FoldTiming {
    /** Cycles charged to fold {@code fold} (0-based, in schedule order). */
    long cycles(long fold);

    /** Every fold costs {@code cyclesPerFold}. */
    static FoldTiming uniform(long cyclesPerFold) {
        return f -> cyclesPerFold;
    }

    /** Fold f is charged {@code ends[f] - ends[f-1]} (with {@code ends[-1] = 0}); ends are fold end cycles. */
    static FoldTiming fromEndCycles(long[] ends) {
        long[] copy = ends.clone();
        return f -> copy[(int) f] - (f == 0 ? 0 : copy[(int) f - 1]);
    }
}
