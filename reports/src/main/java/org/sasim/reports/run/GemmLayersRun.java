package org.sasim.reports.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.memory.FoldCycles;
import org.sasim.simulator.memory.IfmapFootprint;
import org.sasim.simulator.memory.MemoryResult;
import org.sasim.simulator.memory.MemorySystem;
import org.sasim.simulator.memory.MemoryWorkload;

/**
 * The conv and linear layers of a network, each simulated on the array ({@code systolic} fold schedule) behind the
 * memory hierarchy ({@code memory}'s double-buffered scratchpads and DRAM channel), one after another, every layer
 * reading its input from and writing its output to DRAM. Layers that do not run on the array (pooling,
 * activations, ...) are left out: this is the array's view of a network, used by the studies whose questions are
 * about GEMM layers.
 */
public final class GemmLayersRun {
    private GemmLayersRun() {
    }

    /** Simulates every array layer of {@code network} on {@code accelerator} under {@code convention}. */
    public static NetworkRun of(Network network, Accelerator accelerator, TimingConvention convention,
                                Provenance provenance) {
        MemorySystem memory = new MemorySystem(accelerator.memory());
        List<LayerStats> out = new ArrayList<>();
        for (Node n : network.nodes()) {
            layer(n, accelerator, convention, memory).ifPresent(out::add);
        }
        return new NetworkRun(network.name(), network.inputShape().toString(), accelerator, out, provenance);
    }

    /** One node's results, or empty when the node does not run on the array. */
    public static Optional<LayerStats> layer(Node n, Accelerator a, TimingConvention convention,
                                             MemorySystem memory) {
        Optional<Gemm> g = Im2colMapping.gemmOf(n);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        ArrayMapping m = ArrayMapping.of(g.get(), a.array());
        FoldSchedule s = new FoldSchedule(m, convention);
        MemoryResult r = memory.simulate(new MemoryWorkload(m, IfmapFootprint.of(n), a.datatype(),
                FoldCycles.of(s)));
        long reads = words(r.ifmapSram().readsWords(), a.datatype().operandBytes())
                + words(r.filterSram().readsWords(), a.datatype().operandBytes())
                + words(r.ofmapSram().readsWords(), a.datatype().accumulatorBytes());
        long writes = words(r.ifmapSram().writesWords(), a.datatype().operandBytes())
                + words(r.filterSram().writesWords(), a.datatype().operandBytes())
                + words(r.ofmapSram().writesWords(), a.datatype().accumulatorBytes());
        long arrayCycles = r.computeCycles() + r.stallCycles();
        double util = 100.0 * n.macs() / ((double) arrayCycles * a.array().pes());
        return Optional.of(new LayerStats(n.name(), n.layer().kind(), n.outputShape().toString(), n.params(),
                n.macs(), r.computeCycles(), r.stallCycles(), 0, util, 100 * s.mappingEfficiency(), reads, writes,
                r.dram().readBytes(), r.dram().writtenBytes(), r.stallFreeBytesPerCycle()));
    }

    private static long words(long words, int bytesPerWord) {
        return words * bytesPerWord;
    }
}
