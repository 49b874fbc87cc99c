package org.sasim.simulator.network;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/**
 * Wall time of whole-network numerics on the simulated datapath (not a test): ResNet-50 and VGG-16 at 224x224,
 * batch 1, seeded weights and input, fast engine, 32x32 output-stationary array with SCALE-Sim's memory, in fp32
 * and bf16, for each thread count given (default 1 and 2). Median and minimum of 3 runs after 2 warm-up runs, plus the
 * calling thread's CPU time (the steadier figure for 1 thread on a shared machine). Run:
 * {@code java --add-modules jdk.incubator.vector -Xmx4g -cp models/target/classes:simulator/target/classes
 * org.sasim.simulator.network.NumericsBench [threads...]}.
 */
public final class NumericsBench {
    private static final int WARM_UP = 2;
    private static final int RUNS = 3;

    private NumericsBench() {
    }

    public static void main(String[] args) {
        int[] threads = args.length == 0 ? new int[] {1, 2} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (String model : List.of("resnet50", "vgg16")) {
            Network net = ModelZoo.build(model, 1, 224, 224);
            Weights w = SeededWeights.generate(net, 1);
            FloatTensor x = SeededInput.generate(net, 2);
            for (Datatype d : List.of(Datatype.FP32, Datatype.BF16)) {
                Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY).withDatatype(d);
                for (int t : threads) {
                    NetworkSimulator sim = new NetworkSimulator(acc,
                            new SimulationOptions(TimingConvention.sasim(), Engine.FAST, t, false));
                    for (int i = 0; i < WARM_UP; i++) {
                        sim.run(net, w, x);
                    }
                    double[] wall = new double[RUNS];
                    double[] cpu = new double[RUNS];
                    for (int i = 0; i < RUNS; i++) {
                        long c0 = mx.getCurrentThreadCpuTime();
                        long t0 = System.nanoTime();
                        sim.run(net, w, x);
                        wall[i] = (System.nanoTime() - t0) / 1e6;
                        cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
                    }
                    Arrays.sort(wall);
                    Arrays.sort(cpu);
                    System.out.printf("%-8s %-4s whole network, %d thread(s): wall median %.0f ms, min %.0f ms;"
                            + " caller CPU median %.0f ms, min %.0f ms%n", model, d, t, wall[RUNS / 2], wall[0],
                            cpu[RUNS / 2], cpu[0]);
                }
            }
        }
    }
}
