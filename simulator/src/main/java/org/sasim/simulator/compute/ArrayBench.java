package org.sasim.simulator.compute;

import java.util.List;
import java.util.Random;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * Speed measurements (not a test): cycle-stepped array-cycles per second on a 32x32 array, closed-form timing of
 * ResNet-50 (224x224, batch 1) at 32x32 in both conventions, and fast-engine fp32 numerics of ResNet-50's conv and
 * linear layers. Run: {@code java -cp ... org.sasim.simulator.compute.ArrayBench [threads [cycle]]} ({@code cycle}:
 * only the cycle-stepped measurement).
 */
public final class ArrayBench {
    private ArrayBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        Random rnd = new Random(1);
        cycleStepped(rnd);
        if (args.length > 1 && args[1].equals("cycle")) {
            return;
        }
        Network net = ModelZoo.build("resnet50", 1, 224, 224);
        List<Node> gemmNodes = net.nodes().stream()
                .filter(n -> n.layer() instanceof Conv2d || n.layer() instanceof Linear).toList();
        for (TimingConvention tc : List.of(TimingConvention.scaleSim(), TimingConvention.sasim())) {
            long cycles = 0;
            long t0 = System.nanoTime();
            for (int rep = 0; rep < 10; rep++) {
                cycles = 0;
                for (Node n : gemmNodes) {
                    cycles += SystolicArray.timing(n, new ArraySpec(32, 32, Dataflow.OUTPUT_STATIONARY), tc).cycles();
                }
            }
            double ms = (System.nanoTime() - t0) / 1e6 / 10;
            System.out.printf("ResNet-50 timing 32x32 os %s: %d layers, %d cycles, %.2f ms%n", tc.name(),
                    gemmNodes.size(), cycles, ms);
        }
        // fast numerics, fp32
        ArraySpec arr = new ArraySpec(32, 32, Dataflow.OUTPUT_STATIONARY);
        FloatTensor[] xs = new FloatTensor[gemmNodes.size()];
        FloatTensor[] ws = new FloatTensor[gemmNodes.size()];
        for (int i = 0; i < xs.length; i++) {
            Node n = gemmNodes.get(i);
            xs[i] = randomTensor(n.inputShapes().get(0), rnd);
            ws[i] = randomTensor(n.layer() instanceof Conv2d c ? c.weightShape() : ((Linear) n.layer()).weightShape(),
                    rnd);
        }
        for (int rep = 0; rep < 3; rep++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < xs.length; i++) {
                SystolicArray.run(gemmNodes.get(i), xs[i], ws[i], null, arr, Datatype.FP32, TimingConvention.sasim(),
                        Engine.FAST, threads);
            }
            System.out.printf("ResNet-50 fast fp32 numerics (conv+fc, im2col included), %d threads: %.0f ms%n",
                    threads, (System.nanoTime() - t0) / 1e6);
        }
    }

    /**
     * Simulated array-cycles per wall-clock second of the cycle-stepped engine on a 32x32 array (sasim convention):
     * a 256 x 64 x 288 GEMM per dataflow and datatype, after a CPU second of warm-up; median, min and max of
     * five timed runs, and the first run of each (only the first dataflow's is cold-JVM); also per second of this
     * thread's CPU time, which other processes sharing the core do not inflate.
     */
    private static void cycleStepped(Random rnd) {
        Gemm g = new Gemm(256, 64, 288, 1);
        java.lang.management.ThreadMXBean cpu = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Datatype d : new Datatype[] {Datatype.FP32, Datatype.INT8}) {
            GemmOperands op = randomOperands(g, d, rnd);
            for (Dataflow df : Dataflow.values()) {
                ArraySpec arr = new ArraySpec(32, 32, df);
                SystolicEngine e = SystolicEngine.of(df);
                long warm = cpu.getCurrentThreadCpuTime();
                long wall = System.nanoTime();
                double cold = e.run(op, arr, TimingConvention.sasim()).cycles() / ((System.nanoTime() - wall) / 1e9);
                while (cpu.getCurrentThreadCpuTime() - warm < 1_000_000_000L) {
                    e.run(op, arr, TimingConvention.sasim());
                }
                double[] rate = new double[5];
                double[] cpuRate = new double[rate.length];
                long cycles = 0;
                for (int rep = 0; rep < rate.length; rep++) {
                    long c0 = cpu.getCurrentThreadCpuTime();
                    long t0 = System.nanoTime();
                    cycles = e.run(op, arr, TimingConvention.sasim()).cycles();
                    rate[rep] = cycles / ((System.nanoTime() - t0) / 1e9);
                    cpuRate[rep] = cycles / ((cpu.getCurrentThreadCpuTime() - c0) / 1e9);
                }
                java.util.Arrays.sort(rate);
                java.util.Arrays.sort(cpuRate);
                System.out.printf("cycle-stepped %s %s 32x32: %d cycles/run, array-cycles per wall second median %.3g"
                        + " (min %.3g, max %.3g; first run %.3g), per thread-CPU second median %.3g%n", df, d, cycles,
                        rate[rate.length / 2], rate[0], rate[rate.length - 1], cold, cpuRate[cpuRate.length / 2]);
            }
        }
    }

    private static GemmOperands randomOperands(Gemm g, Datatype d, Random rnd) {
        int[] a = new int[g.m() * g.k()];
        int[] b = new int[g.k() * g.n()];
        for (int[] words : new int[][] {a, b}) {
            for (int i = 0; i < words.length; i++) {
                words[i] = d == Datatype.INT8 ? rnd.nextInt(256) - 128
                        : GemmOperands.word((float) rnd.nextGaussian(), d);
            }
        }
        return new GemmOperands(g, d, a, b);
    }

    private static FloatTensor randomTensor(org.sasim.models.graph.Shape s, Random rnd) {
        float[] f = new float[(int) s.elements()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return new FloatTensor(s, f);
    }
}
