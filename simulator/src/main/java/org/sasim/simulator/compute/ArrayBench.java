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
 * linear layers. Run: {@code java -cp ... org.sasim.simulator.compute.ArrayBench [threads]}.
 */
public final class ArrayBench {
    private ArrayBench() {
    }

    public static void main(String[] args) {
        int threads = args.length > 0 ? Integer.parseInt(args[0]) : Runtime.getRuntime().availableProcessors();
        Random rnd = new Random(1);
        // cycle-stepped: a 256 x 64 x 288 GEMM on 32x32, each dataflow
        Gemm g = new Gemm(256, 64, 288, 1);
        for (Dataflow df : Dataflow.values()) {
            ArraySpec arr = new ArraySpec(32, 32, df);
            GemmOperands op = randomFp32(g, rnd);
            SystolicEngine e = SystolicEngine.of(df);
            e.run(op, arr, TimingConvention.sasim());
            long t0 = System.nanoTime();
            CycleRun r = e.run(op, arr, TimingConvention.sasim());
            double s = (System.nanoTime() - t0) / 1e9;
            System.out.printf("cycle-stepped %s 32x32: %d cycles in %.3f s = %.3g array-cycles/s (%.3g PE-cycles/s)%n",
                    df, r.cycles(), s, r.cycles() / s, r.cycles() * 1024 / s);
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

    private static GemmOperands randomFp32(Gemm g, Random rnd) {
        int[] a = new int[g.m() * g.k()];
        int[] b = new int[g.k() * g.n()];
        for (int i = 0; i < a.length; i++) {
            a[i] = Float.floatToRawIntBits((float) rnd.nextGaussian());
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = Float.floatToRawIntBits((float) rnd.nextGaussian());
        }
        return new GemmOperands(g, Datatype.FP32, a, b);
    }

    private static FloatTensor randomTensor(org.sasim.models.graph.Shape s, Random rnd) {
        float[] f = new float[(int) s.elements()];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return new FloatTensor(s, f);
    }
}
