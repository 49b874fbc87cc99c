package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
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
 * With {@link OutputLifetime#DURING_CALL} element-wise layers write over an input array that nothing reads any more,
 * never over one that is still read (a later consumer, a flatten view of a live tensor, the caller's input), and
 * every layer's output has the bits it has when all outputs are kept.
 */
class OutputLifetimeTest {
    private static final long SEED = 9;

    private static Network network() {
        return Network.of("inplace", Shape.nchw(1, 4, 20, 20), List.of(
                new Dropout("d", "input", 0.5), // the caller's input under another name
                new Relu("r0", "d"),
                Conv2d.square("c1", "r0", 4, 4, 3, 1, 1, false),
                new BatchNorm2d("bn1", "c1", 4, 1e-5), // c1's only reader
                new Relu("r1", "bn1"), // bn1's only reader
                new Relu("r2", "r1"), // r1 is read again by the add
                new Add("add", List.of("r2", "r1")), // r2's last reader
                new Flatten("flat", "add"),
                new Relu("r3", "flat"), // flat is a view of add, which the sigmoid still reads
                new Sigmoid("sig", "add"),
                new Flatten("flat2", "sig"),
                new Add("out", List.of("r3", "flat2"))));
    }

    private static NetworkSimulator simulator(Datatype dt) {
        return new NetworkSimulator(new Accelerator("t", new ArraySpec(8, 8, Dataflow.OUTPUT_STATIONARY), dt, 1.0,
                new MemorySpec(16 * 1024, 16 * 1024, 16 * 1024, 8, 0), new VectorUnitSpec(8)),
                new SimulationOptions(TimingConvention.sasim(), Engine.FAST, 1, false));
    }

    @Test
    void fp32WritesOverDeadInputsOnlyAndKeepsTheBits() {
        Network net = network();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        float[] inputBefore = input.data().clone();
        Map<String, FloatTensor> kept = new LinkedHashMap<>();
        simulator(Datatype.FP32).run(net, w, input, kept::put, OutputLifetime.KEPT);
        Map<String, float[]> copies = new LinkedHashMap<>();
        Map<String, float[]> arrays = new HashMap<>();
        simulator(Datatype.FP32).run(net, w, input, (name, t) -> {
            copies.put(name, t.data().clone());
            arrays.put(name, t.data());
        }, OutputLifetime.DURING_CALL);

        assertEquals(kept.keySet(), copies.keySet());
        for (String layer : kept.keySet()) {
            assertArrayEquals(kept.get(layer).data(), copies.get(layer), layer);
        }
        assertArrayEquals(inputBefore, input.data(), "the caller's input");
        assertNotSame(input.data(), arrays.get("r0"));
        assertSame(arrays.get("c1"), arrays.get("bn1"));
        assertSame(arrays.get("bn1"), arrays.get("r1"));
        assertNotSame(arrays.get("r1"), arrays.get("r2"));
        assertSame(arrays.get("r2"), arrays.get("add"));
        assertNotSame(arrays.get("flat"), arrays.get("r3"));
    }

    @Test
    void int8WritesOverDeadInputsOnlyAndKeepsTheBits() {
        Network net = network();
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        Int8Network program = Int8Network.of(net, w,
                ReferenceEngine.calibrate(net, w, input, WeightGranularity.PER_CHANNEL));
        Map<String, ByteTensor> kept = new LinkedHashMap<>();
        simulator(Datatype.INT8).runInt8(program, input, kept::put, OutputLifetime.KEPT);
        Map<String, byte[]> copies = new LinkedHashMap<>();
        Map<String, byte[]> arrays = new HashMap<>();
        simulator(Datatype.INT8).runInt8(program, input, (name, t) -> {
            copies.put(name, t.data().clone());
            arrays.put(name, t.data());
        }, OutputLifetime.DURING_CALL);

        assertEquals(kept.keySet(), copies.keySet());
        for (String layer : kept.keySet()) {
            assertArrayEquals(kept.get(layer).data(), copies.get(layer), layer);
        }
        // the batch norm is folded into c1: its output is c1's, which the ReLU then overwrites
        assertSame(arrays.get("c1"), arrays.get("r1"));
        assertNotSame(arrays.get("r1"), arrays.get("r2"));
        assertSame(arrays.get("r2"), arrays.get("add"));
        assertNotSame(arrays.get("flat"), arrays.get("r3"));
    }
}
