package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.weights.NpyWeights;
import org.sasim.models.weights.Weights;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/** mini AlexNet through the simulated datapath reproduces PyTorch's output and every activation. */
class MiniAlexNetTest {

    private static Accelerator accelerator(Dataflow df) {
        return new Accelerator("t", new ArraySpec(8, 8, df), Datatype.FP32, 1.0,
                new MemorySpec(16 * 1024, 16 * 1024, 16 * 1024, 8, 0), new VectorUnitSpec(8));
    }

    private static void assertClose(FloatTensor want, FloatTensor got, String label) {
        assertEquals(want.shape(), got.shape(), label);
        double max = 0;
        for (float v : want.data()) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = 1e-4 * Math.max(1, max);
        for (int i = 0; i < want.data().length; i++) {
            int idx = i;
            assertTrue(Math.abs(want.data()[i] - got.data()[i]) <= tol,
                    () -> label + "[" + idx + "]: " + want.data()[idx] + " vs " + got.data()[idx]);
        }
    }

    @Test
    void everyActivationAndTheOutputMatchPyTorchOnEachDataflow() throws IOException {
        Network net = MiniAlexNet.network();
        Weights w = NpyWeights.load(net, MiniAlexNet.DIR.resolve("weights"));
        FloatTensor input = Npy.readFloat(MiniAlexNet.DIR.resolve("input.npy"));
        for (Dataflow df : Dataflow.values()) {
            List<String> seen = new ArrayList<>();
            NetworkSimulator sim = new NetworkSimulator(accelerator(df),
                    new SimulationOptions(TimingConvention.sasim(), Engine.FAST, 2, df == Dataflow.WEIGHT_STATIONARY));
            NetworkResult r = sim.run(net, w, input, (name, t) -> {
                try {
                    assertClose(Npy.readFloat(MiniAlexNet.DIR.resolve("acts").resolve(name + ".npy")), t,
                            df + " " + name);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                seen.add(name);
            });
            assertEquals(net.nodes().size(), seen.size());
            assertClose(Npy.readFloat(MiniAlexNet.DIR.resolve("output.npy")), r.output().orElseThrow(), df + " out");
            assertEquals(3_656_192L, r.macs());
        }
    }

    @Test
    void timingOnlyRunGivesTheSameCyclesAndTraffic() throws IOException {
        Network net = MiniAlexNet.network();
        Weights w = NpyWeights.load(net, MiniAlexNet.DIR.resolve("weights"));
        FloatTensor input = Npy.readFloat(MiniAlexNet.DIR.resolve("input.npy"));
        NetworkSimulator sim = new NetworkSimulator(accelerator(Dataflow.OUTPUT_STATIONARY),
                SimulationOptions.defaults());
        NetworkResult withTensors = sim.run(net, w, input);
        NetworkResult timing = sim.timing(net);
        assertEquals(timing.layers(), withTensors.layers());
        assertTrue(timing.output().isEmpty());
    }
}
