package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/**
 * Determinism rule: every layer's output of a whole-network run on the fast engine has the same bits on one thread
 * and on three, fp32 and int8, with activations large enough (2 x 8 x 48 x 48 after the pool) that the vector
 * unit's kernels and the int8 requantization are split over the threads.
 */
class ThreadCountBitsTest {
    private static final long SEED = 5;

    private static Network network() {
        return Network.of("split", Shape.nchw(2, 3, 96, 96), List.of(
                Conv2d.square("c1", "input", 3, 8, 3, 1, 1, false),
                new BatchNorm2d("bn1", "c1", 8, 1e-5),
                new Relu("r1", "bn1"),
                new MaxPool2d("mp", "r1", Dims2.square(3), Dims2.square(2), Dims2.square(1), false),
                Conv2d.square("c2", "mp", 8, 8, 3, 1, 1, true),
                new Add("add", List.of("mp", "c2")),
                new AvgPool2d("ap", "add", Dims2.square(3), Dims2.square(1), Dims2.square(1), false, false),
                new Sigmoid("sig", "ap"),
                new LeakyRelu("leaky", "sig", 0.1),
                new AdaptiveAvgPool2d("aap", "leaky", new Dims2(3, 3)),
                new Flatten("flat", "aap"),
                new Linear("fc", "flat", 72, 10, true)));
    }

    private static NetworkSimulator simulator(Datatype dt, int threads) {
        return new NetworkSimulator(new Accelerator("t", new ArraySpec(8, 8, Dataflow.OUTPUT_STATIONARY), dt, 1.0,
                new MemorySpec(16 * 1024, 16 * 1024, 16 * 1024, 8, 0), new VectorUnitSpec(8)),
                new SimulationOptions(TimingConvention.sasim(), Engine.FAST, threads, false));
    }

    @Test
    void fp32LayerOutputsAreTheSameOnOneAndThreeThreads() {
        Network net = network();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        Map<String, FloatTensor> one = new LinkedHashMap<>();
        Map<String, FloatTensor> three = new LinkedHashMap<>();
        simulator(Datatype.FP32, 1).run(net, w, input, one::put);
        simulator(Datatype.FP32, 3).run(net, w, input, three::put);
        assertEquals(one.keySet(), three.keySet());
        for (String layer : one.keySet()) {
            assertArrayEquals(bits(one.get(layer)), bits(three.get(layer)), layer);
        }
    }

    @Test
    void int8LayerOutputsAreTheSameOnOneAndThreeThreads() {
        Network net = network();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        Int8Network program = Int8Network.of(net, w,
                ReferenceEngine.calibrate(net, w, input, WeightGranularity.PER_CHANNEL));
        Map<String, ByteTensor> one = new LinkedHashMap<>();
        Map<String, ByteTensor> three = new LinkedHashMap<>();
        simulator(Datatype.INT8, 1).runInt8(program, input, one::put);
        simulator(Datatype.INT8, 3).runInt8(program, input, three::put);
        assertEquals(one.keySet(), three.keySet());
        for (String layer : one.keySet()) {
            assertArrayEquals(one.get(layer).data(), three.get(layer).data(), layer);
        }
    }

    private static int[] bits(FloatTensor t) {
        float[] d = t.data();
        int[] b = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            b[i] = Float.floatToRawIntBits(d[i]);
        }
        return b;
    }
}
