package org.sasim.reports.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
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
            assertEquals(r.stallCycles(), l.stallCycles());
            assertEquals(r.vectorUnitCycles(), l.vectorCycles());
            assertEquals(r.totalCycles(), l.totalCycles());
            assertEquals(r.dram().totalBytes(), l.dramBytes());
            assertEquals(r.arithmeticIntensityMacsPerByte(), l.macsPerDramByte(), 1e-12);
        }
    }

    @Test
    void totalsIncludeTheVectorUnitCycles() {
        // relu and pool run on the vector unit: without them the totals would miss real cycles.
        assertTrue(result.vectorUnitCycles() > 0);
        assertEquals(result.vectorUnitCycles(), run.totals().vectorCycles());
        assertEquals(result.totalCycles(), run.totals().totalCycles());
    }

    @Test
    void utilizationCountsTheStallsTheArrayIsHeldFor() {
        LayerStats conv = run.layers().get(0);
        LayerResult r = result.layers().get(0);
        assertEquals(100.0 * r.macs() / ((r.computeCycles() + r.stallCycles()) * 64.0), conv.utilizationPct(),
                1e-9);
        assertEquals(0, run.layers().get(1).utilizationPct());
    }
}
