package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.compute.TimingConvention;

/**
 * {@link NetworkSimulator#timingAcrossBandwidths} shares the bandwidth-independent work of a bandwidth sweep; every
 * network result must equal that accelerator's own simulator's, layer by layer and field by field.
 */
class TimingAcrossBandwidthsTest {
    private static final double[] BANDWIDTHS = {4, 0.5, 10, 64, 10, Double.POSITIVE_INFINITY, 3.25};

    /** A small-scratchpad accelerator at each bandwidth, each named for it (names are labels, never timing). */
    private static List<Accelerator> atEachBandwidth(Dataflow dataflow, int latency) {
        List<Accelerator> out = new ArrayList<>();
        for (double bw : BANDWIDTHS) {
            Accelerator a = Accelerator.scaleSim(16, 24, dataflow);
            out.add(new Accelerator("bw " + bw, a.array(), a.datatype(), a.clockGHz(),
                    new MemorySpec(32 * 1024, 16 * 1024, 16 * 1024, bw, latency), a.vector()));
        }
        return out;
    }

    private static void assertEachEqualsItsOwnSimulator(Network net, List<Accelerator> accs, SimulationOptions o) {
        List<NetworkResult> together = NetworkSimulator.timingAcrossBandwidths(net, accs, o);
        assertEquals(accs.size(), together.size());
        for (int k = 0; k < accs.size(); k++) {
            NetworkResult alone = new NetworkSimulator(accs.get(k), o).timing(net);
            assertEquals(alone, together.get(k), accs.get(k).name() + " " + o);
        }
        // not vacuous: the bandwidth matters (0.5 bytes/cycle stalls more than an ideal memory)
        assertEquals(true, together.get(1).stallCycles() > together.get(5).stallCycles(), o.toString());
    }

    @Test
    void everyResultEqualsItsAcceleratorsOwnSimulatorOnResNet18() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        SimulationOptions sasim = SimulationOptions.defaults();
        assertEachEqualsItsOwnSimulator(net, atEachBandwidth(Dataflow.OUTPUT_STATIONARY, 0), sasim);
        assertEachEqualsItsOwnSimulator(net, atEachBandwidth(Dataflow.WEIGHT_STATIONARY, 7),
                sasim.withConvention(TimingConvention.scaleSim()).withKeepOnChip(true).withFoldBatchNorm(true));
        assertEachEqualsItsOwnSimulator(net, atEachBandwidth(Dataflow.INPUT_STATIONARY, 0), sasim.withKeepOnChip(true));
    }

    @Test
    void oneAcceleratorAloneEqualsItsOwnSimulator() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        Accelerator a = atEachBandwidth(Dataflow.WEIGHT_STATIONARY, 3).get(0);
        SimulationOptions o = SimulationOptions.defaults();
        assertEquals(List.of(new NetworkSimulator(a, o).timing(net)),
                NetworkSimulator.timingAcrossBandwidths(net, List.of(a), o));
    }

    @Test
    void acceleratorsThatDifferInMoreThanBandwidthAreRejected() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        List<Accelerator> accs = new ArrayList<>(atEachBandwidth(Dataflow.OUTPUT_STATIONARY, 0));
        accs.set(2, accs.get(2).withArray(new ArraySpec(16, 16, Dataflow.OUTPUT_STATIONARY)));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSimulator.timingAcrossBandwidths(net, accs, SimulationOptions.defaults()));
    }

    @Test
    void scratchpadsTooSmallForANetworkAreTooSmallAtEveryBandwidth() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        List<Accelerator> accs = new ArrayList<>();
        for (double bw : BANDWIDTHS) {
            Accelerator a = Accelerator.scaleSim(16, 16, Dataflow.OUTPUT_STATIONARY);
            accs.add(a.withMemory(new MemorySpec(16, 16, 16, bw, 0)));
        }
        assertThrows(IllegalArgumentException.class, () -> new NetworkSimulator(accs.get(0),
                SimulationOptions.defaults()).timing(net));
        assertThrows(IllegalArgumentException.class,
                () -> NetworkSimulator.timingAcrossBandwidths(net, accs, SimulationOptions.defaults()));
    }
}
