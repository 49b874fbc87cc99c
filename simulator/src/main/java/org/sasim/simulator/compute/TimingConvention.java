package org.sasim.simulator.compute;

import org.sasim.simulator.mapping.ArrayMapping;

/**
 * How a layer's folds are timed on the array. Both engines implement both conventions; the per-fold formulas here
 * are the closed forms the fast engine uses and the cycle-stepped engine reproduces by running.
 *
 * <p>Notation: R x C array, a fold using {@code r} rows and {@code c} columns, streamed length T. A fold's
 * <em>stream start</em> s is the cycle its first streamed word enters the array edge; consecutive stream starts are
 * {@link #issueInterval} apart; the fold ends {@link #streamToEnd} cycles after s.
 */
public sealed interface TimingConvention permits ScaleSimConvention, SasimConvention {

    /** SCALE-Sim v2's compute model, exactly (including its quirks). */
    static TimingConvention scaleSim() {
        return new ScaleSimConvention();
    }

    /** sasim's model of a real array, with shadow (double-buffered) stationary registers. */
    static TimingConvention sasim() {
        return new SasimConvention(true);
    }

    /** Short name, {@code scalesim} or {@code sasim}. */
    String name();

    /** Cycles from a fold's start to its stream start (the stationary load for ws/is; 0 for os). */
    long leadCycles(ArrayMapping m, int rows);

    /**
     * Cycles between the stream start of a fold using {@code rows} rows and that of the next fold, which uses
     * {@code nextRows} rows.
     */
    long issueInterval(ArrayMapping m, int rows, int nextRows);

    /** Cycles from a fold's stream start to its (exclusive) end. */
    long streamToEnd(ArrayMapping m, int rows, int cols);

    /** The layer's compute cycles given the largest fold end (cycles). */
    long layerCycles(long lastEnd);

    /** SRAM words moved at the array edges by one fold. */
    SramAccesses foldSram(ArrayMapping m, int rowFold, int rows, int cols);

    /** Denominator (cycles) of a fold's compute utilization {@code rows*cols*T / (R*C*cycles)}. */
    long computeUtilCycles(ArrayMapping m, FoldTiming fold);

    /** The fold schedule of a mapped layer under this convention. */
    default FoldSchedule schedule(ArrayMapping m) {
        return new FoldSchedule(m, this);
    }

    /** Edge traffic shared by both conventions: the words each fold really moves. */
    static SramAccesses usedWords(ArrayMapping m, int rowFold, int rows, int cols, boolean readBackPartials) {
        long t = m.streamed();
        long stationary = (long) rows * cols;
        long streamedIn = (long) rows * t;
        long out = (long) cols * t;
        long back = readBackPartials && rowFold > 0 ? out : 0;
        return switch (m.dataflow()) {
            case OUTPUT_STATIONARY -> new SramAccesses(streamedIn, (long) cols * t, 0, stationary);
            case WEIGHT_STATIONARY -> new SramAccesses(streamedIn, stationary, back, out);
            case INPUT_STATIONARY -> new SramAccesses(stationary, streamedIn, back, out);
        };
    }
}
