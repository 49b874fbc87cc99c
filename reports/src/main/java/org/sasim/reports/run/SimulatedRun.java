package org.sasim.reports.run;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkResult;

/**
 * Turns the simulator's per-layer results ({@link NetworkResult} from
 * {@link org.sasim.simulator.network.NetworkSimulator}) into the reports' {@link NetworkRun}: every layer, array and
 * vector unit alike, so totals count compute, DRAM stall and vector-unit cycles. An array layer's prologue (loading
 * its first tiles before the array can start) and epilogue (writing its last outputs back after the array is done)
 * are counted as stall cycles: the array waits for DRAM then, and the layers' totals then add up to the
 * simulator's network latency ({@link NetworkResult#latencyCycles()}).
 */
public final class SimulatedRun {
    private SimulatedRun() {
    }

    /**
     * The run of {@code network} on {@code accelerator}.
     *
     * @param result the simulator's results for exactly this network's nodes, in node order
     */
    public static NetworkRun of(Network network, Accelerator accelerator, NetworkResult result,
                                Provenance provenance) {
        List<Node> nodes = network.nodes();
        List<LayerResult> layers = result.layers();
        if (nodes.size() != layers.size()) {
            throw new IllegalArgumentException("network '" + network.name() + "' has " + nodes.size()
                    + " layers but the result has " + layers.size());
        }
        List<LayerStats> out = new ArrayList<>(nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            out.add(layer(nodes.get(i), layers.get(i), accelerator));
        }
        return new NetworkRun(network.name(), network.inputShape().toString(), accelerator, out, provenance);
    }

    /** One layer. Scratchpad words become bytes: operands at the datatype's width, partial sums at 4 bytes. */
    public static LayerStats layer(Node node, LayerResult r, Accelerator a) {
        if (!node.name().equals(r.name())) {
            throw new IllegalArgumentException("result '" + r.name() + "' does not belong to layer '"
                    + node.name() + "'");
        }
        int operand = a.datatype().operandBytes();
        // On the array the output scratchpad holds accumulators; the vector unit writes operand-width words.
        int ofmap = r.onArray() ? a.datatype().accumulatorBytes() : operand;
        long reads = r.ifmapSram().readsWords() * operand + r.filterSram().readsWords() * operand
                + r.ofmapSram().readsWords() * ofmap;
        long writes = r.ifmapSram().writesWords() * operand + r.filterSram().writesWords() * operand
                + r.ofmapSram().writesWords() * ofmap;
        long stall = r.stallCycles() + r.prologueCycles() + r.epilogueCycles();
        long arrayCycles = r.computeCycles() + (r.onArray() ? stall : 0);
        // Utilization over the cycles the array is occupied, stalls included (the simulator's own figure
        // excludes stalls; the reports show how busy the array is while a layer holds it).
        double util = r.onArray() && arrayCycles > 0
                ? 100.0 * r.macs() / ((double) arrayCycles * a.array().pes()) : 0;
        return new LayerStats(node.name(), node.layer().kind(), node.outputShape().toString(), node.params(),
                r.macs(), r.computeCycles(), stall, r.vectorUnitCycles(), util,
                r.onArray() ? r.mappingEfficiencyPercent() : 0, reads, writes, r.dram().readBytes(),
                r.dram().writtenBytes(), r.stallFreeBytesPerCycle());
    }
}
