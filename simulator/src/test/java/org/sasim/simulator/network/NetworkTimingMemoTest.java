package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.memory.FoldCycles;
import org.sasim.simulator.memory.IfmapFootprint;
import org.sasim.simulator.memory.MemoryResult;
import org.sasim.simulator.memory.MemorySystem;
import org.sasim.simulator.memory.MemoryWorkload;

/**
 * The simulator times equal array layers once (ResNets repeat shapes block after block); reusing a result must
 * never change one.
 */
class NetworkTimingMemoTest {
    private static final Accelerator ACC = Accelerator.scaleSim(32, 32, Dataflow.WEIGHT_STATIONARY);

    @Test
    void everyArrayLayerEqualsItsOwnMemorySimulation() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        NetworkResult r = new NetworkSimulator(ACC, SimulationOptions.defaults()).timing(net);
        MemorySystem memory = new MemorySystem(ACC.memory());
        int checked = 0;
        for (int i = 0; i < net.nodes().size(); i++) {
            Node n = net.nodes().get(i);
            if (Im2colMapping.gemmOf(n).isEmpty()) {
                continue;
            }
            ArrayMapping m = ArrayMapping.of(Im2colMapping.gemmOf(n).orElseThrow(), ACC.array());
            MemoryResult alone = memory.simulate(new MemoryWorkload(m, IfmapFootprint.of(n), ACC.datatype(),
                    FoldCycles.of(new FoldSchedule(m, TimingConvention.sasim()))));
            LayerResult got = r.layers().get(i);
            assertEquals(alone.stallCycles(), got.stallCycles(), n.name());
            assertEquals(alone.dram(), got.dram(), n.name());
            assertEquals(alone.tiling(), got.tiling().orElseThrow(), n.name());
            assertEquals(alone.stallFreeBytesPerCycle(), got.stallFreeBytesPerCycle(), n.name());
            checked++;
        }
        assertEquals(21, checked, "ResNet-18: 20 convolutions and the classifier");
    }

    @Test
    void layersWithTheSameGemmButDifferentInputsAreNotConfused() {
        // 3x3 convs with the same GEMM (M = 64 pixels, K = 9 * 4, N = 4): padded 8x8 input vs unpadded 10x10
        Network padded = Network.of("padded", Shape.nchw(1, 4, 8, 8), List.of(conv(1)));
        Network unpadded = Network.of("unpadded", Shape.nchw(1, 4, 10, 10), List.of(conv(0)));
        NetworkSimulator sim = new NetworkSimulator(ACC, SimulationOptions.defaults());
        long paddedReads = sim.timing(padded).layers().get(0).dram().ifmapReadBytes();
        long unpaddedReads = sim.timing(unpadded).layers().get(0).dram().ifmapReadBytes();
        // int8 words: every in-bounds input element is fetched (at least) once; the whole input fits on chip
        assertEquals(4 * 8 * 8, paddedReads);
        assertEquals(4 * 10 * 10, unpaddedReads);
    }

    private static Conv2d conv(int pad) {
        return new Conv2d("c", Layer.NETWORK_INPUT, 4, 4, new Dims2(3, 3), new Dims2(1, 1), new Dims2(pad, pad),
                new Dims2(1, 1), 1, false);
    }
}
