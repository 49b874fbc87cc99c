package org.sasim.reports.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

/** A NetworkSimulator result as report rows: the same cycles and bytes, SRAM words in bytes. */
class SimulatedNetworksTest {
    private static final Network NET = Network.of("t", Shape.of(1, 4, 16, 16), List.of(
            Conv2d.square("conv", "input", 4, 8, 3, 1, 1, true),
            new Relu("relu", "conv"),
            new MaxPool2d("pool", "relu", new org.sasim.models.graph.Dims2(2, 2), new org.sasim.models.graph.Dims2(2, 2),
                    new org.sasim.models.graph.Dims2(0, 0), false)));
    private static final Accelerator ACC = Accelerator.scaleSim(8, 8, Dataflow.WEIGHT_STATIONARY)
            .withDatatype(Datatype.FP32);

    @Test
    void layerRowsCarryTheSimulatorsCyclesAndTraffic() {
        NetworkResult r = new NetworkSimulator(ACC, SimulationOptions.defaults()).timing(NET);
        NetworkRun run = SimulatedNetworks.of(NET, r, ACC, new Provenance("v", "sha", 1, "w.yaml",
                Map.of("engine", "fast")));
        assertEquals(3, run.layers().size());
        for (int i = 0; i < 3; i++) {
            LayerResult l = r.layers().get(i);
            LayerStats s = run.layers().get(i);
            assertEquals(l.name(), s.name());
            assertEquals(l.totalCycles(), s.totalCycles());
            assertEquals(l.dram().readBytes(), s.dramReadBytes());
            assertEquals(l.dram().writtenBytes(), s.dramWriteBytes());
        }
        LayerResult conv = r.layers().get(0);
        // fp32: 4-byte operands and 4-byte accumulators.
        assertEquals(4 * (conv.ifmapSram().readsWords() + conv.filterSram().readsWords()
                + conv.ofmapSram().readsWords()), run.layers().get(0).sramReadBytes());
        assertEquals(8L * 16 * 16 * 4 * 9, run.layers().get(0).macs());
        // utilization over compute + stall cycles on 64 PEs
        assertEquals(100.0 * conv.macs() / ((conv.computeCycles() + conv.stallCycles()) * 64.0),
                run.layers().get(0).utilizationPct(), 1e-9);
        assertEquals(r.totalCycles(), run.totals().totalCycles());
        assertEquals(r.dram().totalBytes(), run.totals().dramBytes());
        assertEquals("1x8x8x8", run.layers().get(2).outputShape());
    }

    @Test
    void aResultOfAnotherNetworkIsRefused() {
        NetworkResult r = new NetworkSimulator(ACC, SimulationOptions.defaults()).timing(NET);
        Network other = Network.of("o", Shape.of(1, 4, 16, 16), List.of(new Relu("relu", "input")));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatedNetworks.of(other, r, ACC, new Provenance("v", "sha", 1)));
    }

    @Test
    void provenanceSettingsAndFileAppearInTheSummaryOnlyWhenGiven() {
        Map<String, Object> with = ResultTables.provenance(new Provenance("v", "sha", 1, "w.yaml",
                Map.of("engine", "fast")));
        assertEquals("w.yaml", with.get("workload_file"));
        assertEquals(Map.of("engine", "fast"), with.get("settings"));
        Map<String, Object> without = ResultTables.provenance(new Provenance("v", "sha", 1));
        assertEquals(List.of("sasim_version", "workload_sha256", "seed"), List.copyOf(without.keySet()));
    }
}
