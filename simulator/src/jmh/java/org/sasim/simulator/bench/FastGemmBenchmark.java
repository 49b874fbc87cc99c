package org.sasim.simulator.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.FastGemm;
import org.sasim.simulator.compute.GemmOperands;
import org.sasim.simulator.mapping.Gemm;

/**
 * The fast engine's GEMM kernels through their public API: a square {@code size}^3 GEMM on a 32x32 array, per
 * dataflow and datatype, on one thread (GFLOP/s = 2 * size^3 / time).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class FastGemmBenchmark {
    @Param({"256", "512"})
    public int size;

    @Param({"os", "ws", "is"})
    public String dataflow;

    @Param({"FP32", "INT8"})
    public String datatype;

    @Param({"1"})
    public int threads;

    private GemmOperands operands;
    private ArraySpec array;
    private FastGemm kernel;

    @Setup
    public void prepare() {
        Datatype dt = Datatype.valueOf(datatype);
        Gemm g = new Gemm(size, size, size, 1);
        SplittableRandom r = new SplittableRandom(1);
        int[] a = new int[size * size];
        int[] b = new int[size * size];
        for (int i = 0; i < a.length; i++) {
            a[i] = word(r, dt);
            b[i] = word(r, dt);
        }
        operands = new GemmOperands(g, dt, a, b);
        array = new ArraySpec(32, 32, Dataflow.parse(dataflow));
        kernel = new FastGemm(threads);
    }

    private static int word(SplittableRandom r, Datatype dt) {
        return dt == Datatype.INT8 ? r.nextInt(-128, 128) : Float.floatToRawIntBits((float) (2 * r.nextDouble() - 1));
    }

    @Benchmark
    public int[] multiply() {
        return kernel.multiply(operands, array);
    }
}
