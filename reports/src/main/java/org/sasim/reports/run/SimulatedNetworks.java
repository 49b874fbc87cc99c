package org.sasim.reports.run;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.memory.ScratchpadTraffic;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkResult;

/**
 * A whole-network simulation ({@link org.sasim.simulator.network.NetworkSimulator}) as a report's
 * {@link NetworkRun}: one {@link LayerStats} per layer, array and vector-unit layers alike.
 */
public final class SimulatedNetworks {
    private SimulatedNetworks() {
    }

    /**
     * The report view of {@code result}, a run of {@code network} on {@code accelerator}.
     *
     * @throws IllegalArgumentException when the result's layers are not the network's, in order
     */
    public static NetworkRun of(Network network, NetworkResult result, Accelerator accelerator,
                                Provenance provenance) {
        List<Node> nodes = network.nodes();
        List<LayerResult> layers = result.layers();
        if (nodes.size() != layers.size()) {
            throw new IllegalArgumentException("result has " + layers.size() + " layers, network '"
                    + network.name() + "' has " + nodes.size());
        }
        List<LayerStats> out = new ArrayList<>(layers.size());
        for (int i = 0; i < layers.size(); i++) {
            out.add(layer(nodes.get(i), layers.get(i), accelerator));
        }
        return new NetworkRun(network.name(), network.inputShape().toString(), accelerator, out, provenance);
    }

    private static LayerStats layer(Node node, LayerResult r, Accelerator a) {
        if (!node.name().equals(r.name())) {
            throw new IllegalArgumentException("result layer '" + r.name() + "' where the network has '"
                    + node.name() + "'");
        }
        int operand = a.datatype().operandBytes();
        // The array writes accumulator-wide words into the output scratchpad; the vector unit writes operands.
        int out = r.onArray() ? a.datatype().accumulatorBytes() : operand;
        long reads = bytes(r.ifmapSram(), operand, true) + bytes(r.filterSram(), operand, true)
                + bytes(r.ofmapSram(), out, true);
        long writes = bytes(r.ifmapSram(), operand, false) + bytes(r.filterSram(), operand, false)
                + bytes(r.ofmapSram(), out, false);
        // As LayerStats and NetworkTotals define it: over the array's busy and stalled cycles.
        long arrayCycles = r.computeCycles() + (r.onArray() ? r.stallCycles() : 0);
        double util = arrayCycles == 0 ? 0 : 100.0 * r.macs() / ((double) arrayCycles * a.array().pes());
        return new LayerStats(r.name(), r.kind(), node.outputShape().toString(), node.params(), r.macs(),
                r.computeCycles(), r.stallCycles(), r.vectorUnitCycles(), util,
                r.mappingEfficiencyPercent(), reads, writes, r.dram().readBytes(), r.dram().writtenBytes(),
                r.stallFreeBytesPerCycle());
    }

    private static long bytes(ScratchpadTraffic t, int bytesPerWord, boolean reads) {
        return (reads ? t.readsWords() : t.writesWords()) * bytesPerWord;
    }
}
