package org.sasim.reports.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Network;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

class SimulatedRunTest {
    private final Accelerator acc = Accelerator.scaleSim(8, 8, Dataflow.OUTPUT_STATIONARY);
    private final Network net = ResultFilesReaderTest.small();
    private final NetworkResult result = new NetworkSimulator(acc, SimulationOptions.defaults()).timing(net);
    private final NetworkRun run = SimulatedRun.of(net, acc, result, new Provenance("t", "x", -1));

    @Test
    void everyLayerKeepsTheSimulatorsCyclesAndDramBytes() {
        assertEquals(result.layers().size(), run.layers().size());
        for (int i = 0; i < result.layers().size(); i++) {
            LayerResult r = result.layers().get(i);
            LayerStats l = run.layers().get(i);
            assertEquals(r.name(), l.name());
            assertEquals(r.computeCycles(), l.computeCycles());
            assertEquals(r.stallCycles() + r.prologueCycles() + r.epilogueCycles(), l.stallCycles());
            assertEquals(r.vectorUnitCycles(), l.vectorCycles());
            assertEquals(r.dram().totalBytes(), l.dramBytes());
            assertEquals(r.arithmeticIntensityMacsPerByte(), l.macsPerDramByte(), 1e-12);
        }
    }

    @Test
    void totalsIncludeTheVectorUnitCycles() {
        // relu and pool run on the vector unit: without them the totals would miss real cycles.
        assertTrue(result.vectorUnitCycles() > 0);
        assertEquals(result.vectorUnitCycles(), run.totals().vectorCycles());
        assertEquals(result.latencyCycles(), run.totals().totalCycles());
    }

    @Test
    void prologueAndEpilogueCountAsStallsSoLayerTotalsAddUpToTheNetworkLatency() {
        LayerResult conv = result.layers().get(0);
        assertTrue(conv.prologueCycles() > 0, "the first tile must be loaded before the array starts");
        assertEquals(conv.totalCycles() + conv.prologueCycles() + conv.epilogueCycles(),
                run.layers().get(0).totalCycles());
    }

    @Test
    void utilizationCountsTheStallsTheArrayIsHeldFor() {
        LayerStats conv = run.layers().get(0);
        LayerResult r = result.layers().get(0);
        long held = r.computeCycles() + r.stallCycles() + r.prologueCycles() + r.epilogueCycles();
        assertEquals(100.0 * r.macs() / (held * 64.0), conv.utilizationPct(), 1e-9);
        assertEquals(0, run.layers().get(1).utilizationPct());
    }

    @Test
    void aResultOfAnotherNetworkIsRefused() {
        Network other = Network.of("o", Shape.of(1, 4, 16, 16), List.of(new Relu("relu", "input")));
        assertThrows(IllegalArgumentException.class,
                () -> SimulatedRun.of(other, acc, result, new Provenance("v", "sha", 1)));
    }
}
