package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;

/**
 * A cycle-stepped systolic array of one dataflow: the executable definition of sasim's timing and numerics. Every
 * cycle each PE latches operands and partial sums from its neighbours; edges inject skewed streams; outputs drain as
 * the dataflow requires. Cycle counts come from running; the controller issues folds at the stream starts of the
 * convention's schedule (sasim) or whenever the array has gone idle (scalesim), and any structural conflict
 * throws {@link StructuralHazardException}.
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
