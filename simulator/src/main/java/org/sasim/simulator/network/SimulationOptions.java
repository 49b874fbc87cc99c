package org.sasim.simulator.network;

import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/**
 * How a network is simulated.
 *
 * @param convention fold timing (sasim or scalesim)
 * @param engine     fast or cycle-stepped array engine (tensor runs)
 * @param threads    worker threads of the fast engine
 * @param keepOnChip keep an activation on chip instead of a DRAM round trip when its only consumer runs next and
 *                   it fits half the IFMAP scratchpad
 */
public record SimulationOptions(TimingConvention convention, Engine engine, int threads, boolean keepOnChip) {
    public SimulationOptions {
        if (convention == null || engine == null || threads <= 0) {
            throw new IllegalArgumentException("options need a convention, an engine and threads > 0");
        }
    }

    /** sasim timing, fast engine, all available processors, activations through DRAM. */
    public static SimulationOptions defaults() {
        return new SimulationOptions(TimingConvention.sasim(), Engine.FAST,
                Runtime.getRuntime().availableProcessors(), false);
    }

    public SimulationOptions withKeepOnChip(boolean keep) {
        return new SimulationOptions(convention, engine, threads, keep);
    }

    public SimulationOptions withConvention(TimingConvention c) {
        return new SimulationOptions(c, engine, threads, keepOnChip);
    }
}
