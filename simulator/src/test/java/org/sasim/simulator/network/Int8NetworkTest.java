package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.weights.NpyWeights;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/**
 * Whole int8 networks (docs/quantization.md) on the simulated datapath equal the reference engine's int8 run bit for
 * bit, layer by layer.
 */
class Int8NetworkTest {
    private static final long SEED = 7;

    private static Accelerator accelerator(Dataflow df, Datatype dt) {
        return new Accelerator("t", new ArraySpec(8, 8, df), dt, 1.0,
                new MemorySpec(16 * 1024, 16 * 1024, 16 * 1024, 8, 0), new VectorUnitSpec(8));
    }

    /** Every layer kind, batch 2: conv+bn+relu, pools, grouped conv, residual add, LRN, tables, linear, softmax. */
    static Network everyLayerKind() {
        return Network.of("every-kind", Shape.nchw(2, 3, 19, 19), List.of(
                Conv2d.square("c1", "input", 3, 8, 3, 1, 1, false),
                new BatchNorm2d("bn1", "c1", 8, 1e-5),
                new Relu("r1", "bn1"),
                new MaxPool2d("mp", "r1", Dims2.square(3), Dims2.square(2), Dims2.square(1), true),
                new Conv2d("c2", "mp", 8, 8, Dims2.square(3), Dims2.square(1), Dims2.square(1), Dims2.square(1), 2,
                        true),
                new BatchNorm2d("bn2", "c2", 8, 1e-5),
                new Add("add", List.of("mp", "bn2")),
                new Relu("r2", "add"),
                new Lrn("lrn", "r2", 5, 1e-4, 0.75, 2.0),
                new AvgPool2d("ap", "lrn", Dims2.square(3), Dims2.square(1), Dims2.square(1), false, false),
                Conv2d.square("c3", "ap", 8, 6, 1, 1, 0, true),
                new Sigmoid("sig", "c3"),
                new Tanh("tanh", "sig"),
                new LeakyRelu("leaky", "tanh", 0.1),
                new AdaptiveAvgPool2d("aap", "leaky", new Dims2(3, 3)),
                new Flatten("flat", "aap"),
                new Dropout("drop", "flat", 0.5),
                new Linear("fc", "drop", 54, 10, true),
                new Softmax("prob", "fc")));
    }

    private static Map<String, ByteTensor> reference(Int8Network program, FloatTensor input) {
        Map<String, ByteTensor> acts = new LinkedHashMap<>();
        ReferenceEngine.runInt8(program, program.quantizeInput(input), acts::put);
        return acts;
    }

    private static void assertBitExact(Network net, Weights w, FloatTensor input, Dataflow df, Engine engine,
                                       WeightGranularity g) {
        Int8Network program = Int8Network.of(net, w, ReferenceEngine.calibrate(net, w, input, g));
        Map<String, ByteTensor> want = reference(program, input);
        NetworkSimulator sim = new NetworkSimulator(accelerator(df, Datatype.INT8),
                new SimulationOptions(TimingConvention.sasim(), engine, 2, false));
        Map<String, ByteTensor> got = new LinkedHashMap<>();
        NetworkResult r = sim.runInt8(program, input, got::put);
        assertEquals(want.keySet(), got.keySet());
        for (String layer : want.keySet()) {
            assertArrayEquals(want.get(layer).data(), got.get(layer).data(), df + " " + engine + " " + layer);
        }
        assertEquals(want.get(net.output().name()), r.int8Output().orElseThrow());
    }

    @Test
    void everyLayerKindIsBitExactOnEachDataflowAndEngine() {
        Network net = everyLayerKind();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        for (Dataflow df : Dataflow.values()) {
            for (Engine e : Engine.values()) {
                assertBitExact(net, w, input, df, e, WeightGranularity.PER_CHANNEL);
            }
        }
        assertBitExact(net, w, input, Dataflow.OUTPUT_STATIONARY, Engine.FAST, WeightGranularity.PER_TENSOR);
    }

    @Test
    void resnet18IsBitExactLayerByLayer() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        assertBitExact(net, w, input, Dataflow.WEIGHT_STATIONARY, Engine.FAST, WeightGranularity.PER_CHANNEL);
    }

    @Test
    void int8LogitsTrackTheFp32Logits() {
        Network net = ModelZoo.build("resnet18", 1, 32, 32);
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        float[] fp32 = ReferenceEngine.run(net, w, input, ReferenceEngine.Retention.OUTPUT_ONLY).output().data();
        NetworkSimulator sim = new NetworkSimulator(accelerator(Dataflow.OUTPUT_STATIONARY, Datatype.INT8),
                SimulationOptions.defaults());
        float[] int8 = sim.run(net, w, input).output().orElseThrow().data();
        double relative = relativeL2(int8, fp32);
        assertTrue(relative < 0.1, () -> "relative L2 error " + relative);
    }

    @Test
    void miniAlexNetWithItsPyTorchWeightsIsBitExactAndNearTheFp32Logits() throws IOException {
        Network net = MiniAlexNet.network();
        Weights w = NpyWeights.load(net, MiniAlexNet.DIR.resolve("weights"));
        FloatTensor input = Npy.readFloat(MiniAlexNet.DIR.resolve("input.npy"));
        for (Dataflow df : Dataflow.values()) {
            assertBitExact(net, w, input, df, Engine.FAST, WeightGranularity.PER_CHANNEL);
        }
        float[] torch = Npy.readFloat(MiniAlexNet.DIR.resolve("output.npy")).data();
        float[] int8 = new NetworkSimulator(accelerator(Dataflow.OUTPUT_STATIONARY, Datatype.INT8),
                SimulationOptions.defaults()).run(net, w, input).output().orElseThrow().data();
        assertTrue(relativeL2(int8, torch) < 0.1, () -> "relative L2 error " + relativeL2(int8, torch));
    }

    @Test
    void aBatchNormThatCannotFoldIsRejectedNamingIt() {
        Network net = Network.of("bn-after-relu", Shape.nchw(1, 3, 8, 8), List.of(
                Conv2d.square("conv", "input", 3, 4, 3, 1, 1, false),
                new Relu("relu", "conv"),
                new BatchNorm2d("bn", "relu", 4, 1e-5)));
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        NetworkSimulator sim = new NetworkSimulator(accelerator(Dataflow.OUTPUT_STATIONARY, Datatype.INT8),
                SimulationOptions.defaults());
        GraphException e = assertThrows(GraphException.class, () -> sim.run(net, w, input));
        assertEquals("bn", e.layer());
    }

    @Test
    void anInt8ProgramNeedsAnInt8Accelerator() {
        Network net = everyLayerKind();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        Int8Network program = Int8Network.of(net, w,
                ReferenceEngine.calibrate(net, w, input, WeightGranularity.PER_CHANNEL));
        NetworkSimulator fp32 = new NetworkSimulator(accelerator(Dataflow.OUTPUT_STATIONARY, Datatype.FP32),
                SimulationOptions.defaults());
        assertThrows(IllegalArgumentException.class, () -> fp32.runInt8(program, input, (l, t) -> { }));
    }

    /** ||got - want|| / ||want||. */
    private static double relativeL2(float[] got, float[] want) {
        double err = 0;
        double norm = 0;
        for (int i = 0; i < want.length; i++) {
            err += (got[i] - want[i]) * (double) (got[i] - want[i]);
            norm += want[i] * (double) want[i];
        }
        return Math.sqrt(err / norm);
    }
}
