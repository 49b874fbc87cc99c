package org.sasim.reports.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.SramAccesses;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;

/**
 * A network timed on the systolic array alone (the {@code systolic} fold schedules, ideal memory): compute cycles,
 * utilization, mapping efficiency and SRAM edge traffic of every conv and linear layer. Layers that do not run on
 * the array are left out, and DRAM traffic, stalls and vector cycles are zero - this is the compute-bound view used
 * where a question is about the array itself (kernel shapes, dataflow, array size).
 */
public final class ArrayTimingRun {
    private ArrayTimingRun() {
    }

    /** Times every array layer of {@code network} on {@code accelerator} under {@code convention}. */
    public static NetworkRun of(Network network, Accelerator accelerator, TimingConvention convention,
                                Provenance provenance) {
        List<LayerStats> out = new ArrayList<>();
        for (Node n : network.nodes()) {
            layer(n, accelerator, convention).ifPresent(out::add);
        }
        return new NetworkRun(network.name(), network.inputShape().toString(), accelerator, out, provenance);
    }

    /** One node's array timing, or empty when the node does not run on the array. */
    public static Optional<LayerStats> layer(Node n, Accelerator a, TimingConvention convention) {
        Optional<Gemm> g = Im2colMapping.gemmOf(n);
        if (g.isEmpty()) {
            return Optional.empty();
        }
        FoldSchedule s = FoldSchedule.of(g.get(), a.array(), convention);
        SramAccesses w = s.sram();
        int op = a.datatype().operandBytes();
        int acc = a.datatype().accumulatorBytes();
        // Partial sums read back and outputs written are accumulator words; streamed and stationary operands are
        // operand words.
        long reads = (w.ifmapReads() + w.filterReads()) * op + w.ofmapReads() * acc;
        long writes = w.ofmapWrites() * acc;
        return Optional.of(new LayerStats(n.name(), n.layer().kind(), n.outputShape().toString(), n.params(),
                n.macs(), s.cycles(), 0, 0, 100 * s.utilization(), 100 * s.mappingEfficiency(), reads, writes, 0, 0,
                0));
    }
}
