package org.sasim.simulator.compute;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;

/**
 * Speed of the fast engine's arithmetic (not a test): GFLOP/s of a 512^3 fp32 GEMM, and wall time of all conv and
 * linear layers of ResNet-50 and VGG-16 (224x224, batch 1, random tensors, the timing model included) in fp32, bf16
 * and int8 on a 128x128 output-stationary array, for each thread count given (default 1 and 2). Prints the median and
 * minimum of 5 runs after 3 warm-up runs. Run with {@code --add-modules jdk.incubator.vector} for the vector kernel:
 * {@code java --add-modules jdk.incubator.vector -cp models/target/classes:simulator/target/classes
 * org.sasim.simulator.compute.KernelBench [threads...]}.
 */
public final class KernelBench {
    private static final int WARM_UP = 3;
    private static final int RUNS = 5;

    private KernelBench() {
    }

    public static void main(String[] args) {
        int[] threads = args.length == 0 ? new int[] {1, 2} : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        System.out.printf("kernel: %s; %d processors; java %s%n", TileKernel.best().getClass().getSimpleName(),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        for (int t : threads) {
            gemm512(t, 20);
        }
        // datatype outermost: C2 compiles the kernel for the paths it has seen, and the int8 path seen first
        // slows the fp32 one down
        for (Datatype d : List.of(Datatype.FP32, Datatype.BF16, Datatype.INT8)) {
            for (String model : List.of("resnet50", "vgg16")) {
                Network net = ModelZoo.build(model, 1, 224, 224);
                List<Node> nodes = net.nodes().stream()
                        .filter(n -> n.layer() instanceof Conv2d || n.layer() instanceof Linear).toList();
                long macs = nodes.stream().mapToLong(n -> org.sasim.simulator.mapping.Im2colMapping.gemmOf(n)
                        .orElseThrow().macs()).sum();
                Random rnd = new Random(7);
                List<Tensor[]> operands = new ArrayList<>();
                for (Node n : nodes) {
                    Shape ws = n.layer() instanceof Conv2d c ? c.weightShape() : ((Linear) n.layer()).weightShape();
                    operands.add(new Tensor[] {random(n.inputShapes().get(0), d, rnd), random(ws, d, rnd)});
                }
                for (int t : threads) {
                    ArraySpec arr = new ArraySpec(128, 128, Dataflow.OUTPUT_STATIONARY);
                    try (GemmWorkers workers = new GemmWorkers(t)) {
                        double[] ms = time(() -> {
                            for (int i = 0; i < nodes.size(); i++) {
                                SystolicArray.run(nodes.get(i), operands.get(i)[0], operands.get(i)[1], null, arr, d,
                                        TimingConvention.sasim(), Engine.FAST, workers);
                            }
                        });
                        System.out.printf("%-8s %-4s conv+fc layers, %d thread(s): wall median %.1f ms, min %.1f ms"
                                + " (%.1f GFLOP/s at the min); caller CPU median %.1f ms, min %.1f ms%n", model, d,
                                t, ms[0], ms[1], 2e-6 * macs / ms[1], ms[2], ms[3]);
                    }
                }
            }
        }
    }

    /** The 512^3 GEMM after {@code warmUp} runs (the first also warm the JIT up for the networks). */
    private static void gemm512(int threads, int warmUp) {
        int n = 512;
        Random rnd = new Random(1);
        float[] a = new float[n * n];
        float[] b = new float[n * n];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) rnd.nextGaussian();
            b[i] = (float) rnd.nextGaussian();
        }
        PackedGemm g = new PackedGemm(1, 1, n, n, n, a, new LaneOperand.RowMajor(b, n, n), 0, 0, n, 1, n * n);
        TileKernel kernel = TileKernel.best();
        try (GemmWorkers workers = new GemmWorkers(threads)) {
            for (int i = 0; i < warmUp; i++) {
                g.floats(workers, kernel, n);
            }
            double[] ms = time(() -> g.floats(workers, kernel, n));
            System.out.printf("512^3 fp32 GEMM (packing included), %d thread(s): wall median %.2f ms, min %.2f ms ="
                    + " %.1f GFLOP/s; caller CPU min %.2f ms = %.1f GFLOP/s%n", threads, ms[0], ms[1],
                    2.0 * n * n * n / ms[1] / 1e6, ms[3], 2.0 * n * n * n / ms[3] / 1e6);
        }
    }

    /**
     * Median and minimum wall time of {@link #RUNS} runs after {@link #WARM_UP}, in ms, then the same for the
     * calling thread's CPU time (on a shared machine the CPU time of a 1-thread run is the steadier figure).
     */
    private static double[] time(Runnable r) {
        for (int i = 0; i < WARM_UP; i++) {
            r.run();
        }
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        double[] ms = new double[RUNS];
        double[] cpu = new double[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            r.run();
            ms[i] = (System.nanoTime() - t0) / 1e6;
            cpu[i] = (mx.getCurrentThreadCpuTime() - c0) / 1e6;
        }
        Arrays.sort(ms);
        Arrays.sort(cpu);
        return new double[] {ms[RUNS / 2], ms[0], cpu[RUNS / 2], cpu[0]};
    }

    private static Tensor random(Shape s, Datatype d, Random rnd) {
        int n = (int) s.elements();
        if (d == Datatype.INT8) {
            byte[] v = new byte[n];
            rnd.nextBytes(v);
            return new ByteTensor(s, v);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return new FloatTensor(s, f);
    }
}
