package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;

/**
 * A cycle-stepped systolic array of one dataflow: the executable definition of sasim's timing and numerics. Every
 * cycle each PE latches operands and partial sums from its neighbours' previous-cycle registers; edges inject skewed
 * streams; outputs drain as the dataflow requires. Cycle counts come from running. The controller starts folds by
 * rules on the registers: scalesim, once the previous fold has entered and the array has gone idle; sasim ws/is,
 * once PE(0,0) holds the fold's stationary word and the left edge is free (loads start once PE(0,0)'s load target is
 * free); sasim os, at the convention's stream starts (its binding rule looks T-1 cycles ahead, see
 * {@link OutputStationary}). Any structural conflict throws {@link StructuralHazardException}.
 */
public sealed interface SystolicEngine permits OutputStationary, WeightStationary, InputStationary {

    /** Runs all groups of {@code op} on {@code array} under {@code convention}. */
    CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention);

    /** The engine for a dataflow. */
    static SystolicEngine of(Dataflow d) {
        return switch (d) {
            case OUTPUT_STATIONARY -> new OutputStationary();
            case WEIGHT_STATIONARY -> new WeightStationary();
            case INPUT_STATIONARY -> new InputStationary();
        };
    }
}
