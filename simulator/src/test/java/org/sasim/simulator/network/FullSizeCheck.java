package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.HashMap;
import java.util.Map;
import org.sasim.models.graph.Network;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.Quantization;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;

/**
 * The issue-5 acceptance check for one zoo network at 224x224, batch 1, seeded weights and input: the simulated
 * datapath (fast engine, 32x32 output-stationary array) gives the reference engine's output, fp32 within
 * {@code 1e-4 * max(1, max |ref|)} (derived in docs/quantization.md) and int8 bit for bit. Prints the elapsed and
 * CPU time of each phase and the peak heap for the record; never asserts a time.
 */
final class FullSizeCheck {
    private static final long SEED = 1;

    private FullSizeCheck() {
    }

    static void check(String model) {
        Network net = ModelZoo.build(model, 1, 224, 224);
        Weights w = SeededWeights.generate(net, SEED);
        FloatTensor input = SeededInput.generate(net, SEED);
        Accelerator fp32 = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY).withDatatype(Datatype.FP32);

        // One fp32 reference pass gives the fp32 answer and the int8 calibration ranges.
        long[] t = clocks();
        Map<String, Double> maxAbs = new HashMap<>();
        FloatTensor want = ReferenceEngine.run(net, w, input, (name, y) -> maxAbs.put(name, maxAbs(y.data())));
        report(model, "fp32 reference", t);

        t = clocks();
        NetworkResult fp32Run = new NetworkSimulator(fp32, SimulationOptions.defaults()).run(net, w, input);
        report(model, "fp32 simulator", t);
        assertWithinFp32Tolerance(want, fp32Run.output().orElseThrow(), model);
        assertEquals(net.macs(), fp32Run.macs());

        Quantization q = Quantization.fromRanges(net, WeightGranularity.PER_CHANNEL, maxAbs(input.data()), maxAbs);
        Int8Network program = Int8Network.of(net, w, q);
        t = clocks();
        ByteTensor wantInt8 = ReferenceEngine.runInt8(program, program.quantizeInput(input), (name, y) -> { });
        report(model, "int8 reference", t);
        t = clocks();
        NetworkResult r = new NetworkSimulator(fp32.withDatatype(Datatype.INT8), SimulationOptions.defaults())
                .runInt8(program, input, (name, y) -> { });
        report(model, "int8 simulator", t);
        assertArrayEquals(wantInt8.data(), r.int8Output().orElseThrow().data(), model + " int8");
        System.out.printf("full-size %s: peak heap %.0f MB of max %.0f MB%n", model, peakHeapBytes() / 1e6,
                Runtime.getRuntime().maxMemory() / 1e6);
    }

    /** Sum over the heap pools of each pool's peak use since the JVM started (an upper bound of the peak heap). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    private static void assertWithinFp32Tolerance(FloatTensor want, FloatTensor got, String model) {
        double max = maxAbs(want.data());
        double tol = 1e-4 * Math.max(1, max);
        double worst = 0;
        for (int i = 0; i < want.data().length; i++) {
            worst = Math.max(worst, Math.abs(want.data()[i] - got.data()[i]));
        }
        System.out.printf("full-size %s fp32: max |ref| %.4g, max |sim - ref| %.3g (%.3g of max)%n", model, max,
                worst, worst / max);
        double w = worst;
        assertTrue(worst <= tol, () -> model + ": max |sim - ref| " + w + " > " + tol);
    }

    private static double maxAbs(float[] xs) {
        double m = 0;
        for (float v : xs) {
            m = Math.max(m, Math.abs((double) v));
        }
        return m;
    }

    private static void report(String network, String phase, long[] start) {
        long[] now = clocks();
        System.out.printf("full-size %s %s: %.1f s elapsed, %.1f s cpu%n", network, phase, (now[0] - start[0]) / 1e9,
                (now[1] - start[1]) / 1e9);
    }

    private static long[] clocks() {
        return new long[] {System.nanoTime(), ((com.sun.management.OperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime()};
    }
}
