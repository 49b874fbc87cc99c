package org.sasim.reports.study;

import org.sasim.models.graph.Network;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.Provenance;
import org.sasim.reports.run.SimulatedRun;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

/**
 * How studies simulate a network: the whole network on the {@link NetworkSimulator} (timing only), conv and linear
 * layers on the array behind the memory hierarchy, everything else on the vector unit, sasim's own timing
 * convention. One place, so every study measures the same way and says so in its summary.
 */
final class StudySimulation {
    /** Sentence for summaries stating what the cycle numbers include. */
    static final String SCOPE = "Total cycles are every layer of the network run one after another: conv/linear "
            + "layers on the systolic array (sasim timing convention) behind the double-buffered scratchpads and the "
            + "DRAM channel (compute + DRAM stall cycles), pooling, activations, batch norm and adds on the vector "
            + "unit (vector cycles + their DRAM stalls); every layer reads its input from and writes its output to "
            + "DRAM. In array-size sweeps the scratchpads scale with the PE count (same bytes per PE as the given "
            + "accelerator).";

    /** Timing-only runs: one thread is enough (no tensors) and keeps studies deterministic and cheap. */
    static final SimulationOptions OPTIONS = new SimulationOptions(TimingConvention.sasim(), Engine.FAST, 1, false);

    private StudySimulation() {
    }

    static NetworkRun run(Network network, Accelerator accelerator, String study) {
        return SimulatedRun.of(network, accelerator, new NetworkSimulator(accelerator, OPTIONS).timing(network),
                provenance(study));
    }

    static Provenance provenance(String study) {
        return new Provenance(StudySimulation.class.getPackage().getImplementationVersion() == null ? "dev"
                        : StudySimulation.class.getPackage().getImplementationVersion(), "study:" + study, -1);
    }

    /**
     * The accelerator with another array shape and dataflow. Scratchpads grow with the PE count when the array grows
     * (never shrink), keeping the bytes per PE of the given accelerator: a 128x128 array behind 64 kB scratchpads
     * cannot even hold one output tile, and an array sweep should compare arrays, not starved memories. DRAM
     * bandwidth is unchanged.
     */
    static Accelerator withArray(Accelerator a, int rows, int cols, Dataflow d) {
        double scale = Math.max(1.0, (double) rows * cols / a.array().pes());
        MemorySpec m = a.memory();
        MemorySpec scaled = new MemorySpec((long) Math.ceil(m.ifmapSramBytes() * scale),
                (long) Math.ceil(m.filterSramBytes() * scale), (long) Math.ceil(m.ofmapSramBytes() * scale),
                m.dramBytesPerCycle(), m.dramLatencyCycles());
        return a.withArray(new ArraySpec(rows, cols, d)).withMemory(scaled);
    }
}
