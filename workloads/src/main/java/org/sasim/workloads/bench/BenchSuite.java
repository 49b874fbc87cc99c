package org.sasim.workloads.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.GemmOperands;
import org.sasim.simulator.compute.SystolicArray;
import org.sasim.simulator.compute.SystolicEngine;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

/**
 * What {@code sasim bench} measures (networks at 224x224, batch 1; built, weighted and fed before the clock starts):
 * <ul>
 *   <li>{@code timing}: the fast engine's closed-form timing (scalesim convention) of every conv and linear layer
 *       of AlexNet, VGG-16 and ResNet-50 on 32x32 and 128x128 arrays, each dataflow;</li>
 *   <li>{@code memory}: whole-network timing through the memory hierarchy (sasim convention, SCALE-Sim's default
 *       64 kB scratchpads and 10 bytes/cycle, int8), a fresh simulator per run so nothing is memoised across
 *       runs;</li>
 *   <li>{@code numerics}: whole networks with tensors on the simulated datapath (fast engine), 1 thread and all
 *       cores, per datatype in {@link #NUMERIC_DATATYPES}; one simulator per case, so after the warm-up the
 *       layers' timing is memoised and the time is the datapath and vector unit. int8 cases calibrate and quantize
 *       the network before the clock starts (docs/quantization.md) and time {@link NetworkSimulator#runInt8};</li>
 *   <li>{@code cycle-stepped}: the PE-by-PE engine on a 32x32 array, each dataflow (simulated array cycles per
 *       second).</li>
 * </ul>
 * {@code --quick} keeps every group but trims the heavy ones: memory-hierarchy and numerics cases are one cold run
 * (no warm-up: JIT compilation and, for numerics, the layers' timing included), numerics AlexNet only (fp32 and
 * int8), a smaller GEMM for the cycle-stepped engine.
 */
public final class BenchSuite {
    /** Datatypes of the numerics group. */
    public static final List<Datatype> NUMERIC_DATATYPES = List.of(Datatype.FP32, Datatype.INT8);

    private static final List<String> NETWORKS = List.of("alexnet", "vgg16", "resnet50");
    private static final long SEED = 1;

    private BenchSuite() {
    }

    /** The cases of the full suite, or the quick one, in run order. */
    public static List<BenchCase> plan(boolean quick) {
        List<BenchCase> cases = new ArrayList<>();
        int cores = Runtime.getRuntime().availableProcessors();
        for (String net : NETWORKS) {
            Network n = ModelZoo.build(net, 1, 224, 224);
            List<Node> gemms = n.nodes().stream().filter(x -> Im2colMapping.gemmOf(x).isPresent()).toList();
            for (int side : new int[] {32, 128}) {
                for (Dataflow df : Dataflow.values()) {
                    ArraySpec array = new ArraySpec(side, side, df);
                    cases.add(new BenchCase("timing", net + " " + side + "x" + side + " " + df, quick ? 3 : 5,
                            quick ? 5 : 10, () -> () -> timing(gemms, array)));
                }
            }
        }
        for (String net : NETWORKS) {
            Network n = ModelZoo.build(net, 1, 224, 224);
            for (Dataflow df : quick ? List.of(Dataflow.OUTPUT_STATIONARY) : List.of(Dataflow.values())) {
                Accelerator acc = Accelerator.scaleSim(32, 32, df);
                cases.add(new BenchCase("memory", net + " 32x32 " + df, quick ? 0 : 1, quick ? 1 : 3,
                        () -> () -> new NetworkSimulator(acc, SimulationOptions.defaults()).timing(n).totalCycles()));
            }
        }
        for (Datatype dt : NUMERIC_DATATYPES) {
            for (String net : quick ? List.of("alexnet") : NETWORKS) {
                Network n = ModelZoo.build(net, 1, 224, 224);
                Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY).withDatatype(dt);
                for (int threads : cores > 1 ? new int[] {1, cores} : new int[] {1}) {
                    cases.add(numerics(n, acc, threads, quick));
                }
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        Gemm g = quick ? new Gemm(64, 32, 96, 1) : new Gemm(256, 64, 288, 1);
        for (Dataflow df : Dataflow.values()) {
            GemmOperands op = randomFp32(g, rnd);
            ArraySpec array = new ArraySpec(32, 32, df);
            cases.add(new BenchCase("cycle-stepped", "gemm " + g.m() + "x" + g.n() + "x" + g.k() + " 32x32 " + df,
                    1, quick ? 1 : 3,
                    () -> () -> SystolicEngine.of(df).run(op, array, TimingConvention.sasim()).cycles()));
        }
        return cases;
    }

    private static long timing(List<Node> gemms, ArraySpec array) {
        long cycles = 0;
        for (Node node : gemms) {
            cycles += SystolicArray.timing(node, array, TimingConvention.scaleSim()).cycles();
        }
        return cycles;
    }

    private static BenchCase numerics(Network n, Accelerator acc, int threads, boolean quick) {
        String label = n.name() + " " + acc.datatype().name().toLowerCase(java.util.Locale.ROOT) + " " + threads
                + (threads == 1 ? " thread" : " threads");
        // three warm-up runs: the first also times every layer (then memoised), and C2 needs a few more calls of
        // each layer shape's code path before it has compiled the kernels those shapes take. One forked JVM per
        // datatype: C2's code for the Vector API kernels depends on what the process ran before (README
        // "Performance": fp32 ResNet-50 ran ~8x slower after int8 runs in the same JVM)
        String jvm = "numerics " + acc.datatype().name().toLowerCase(java.util.Locale.ROOT);
        return new BenchCase("numerics", label, quick ? 0 : 3, quick ? 1 : 5, jvm, () -> {
            Weights weights = SeededWeights.generate(n, SEED);
            FloatTensor input = SeededInput.generate(n, SEED);
            NetworkSimulator sim = new NetworkSimulator(acc, new SimulationOptions(TimingConvention.sasim(),
                    Engine.FAST, threads, false));
            if (acc.datatype() == Datatype.INT8) {
                Int8Network program = Int8Network.of(n, weights,
                        ReferenceEngine.calibrate(n, weights, input, WeightGranularity.PER_CHANNEL));
                return () -> sim.runInt8(program, input).totalCycles();
            }
            return () -> sim.run(n, weights, input).totalCycles();
        });
    }

    private static GemmOperands randomFp32(Gemm g, SplittableRandom rnd) {
        int[] a = new int[g.m() * g.k()];
        int[] b = new int[g.k() * g.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.floatToRawIntBits((float) (2 * rnd.nextDouble() - 1));
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits((float) (2 * rnd.nextDouble() - 1));
        }
        return new GemmOperands(g, Datatype.FP32, a, b);
    }
}
