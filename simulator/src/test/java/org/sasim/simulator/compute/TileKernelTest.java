package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * The fast engine's tiled kernels on layers big enough to span several 8-row tiles, lane panels (partial ones
 * included) and 256-deep k-blocks, which the small random layers of {@link EngineAgreementTest} never reach: the
 * Vector API and scalar kernels agree bit for bit, both equal the cycle-stepped engine, and int8 sums wrap like int32.
 */
class TileKernelTest {
    private static final boolean VECTOR_MODULE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();

    @Test
    void theVectorKernelIsUsedExactlyWhenTheVectorModuleIsPresent() {
        assertEquals(VECTOR_MODULE, new FastGemm(1).vectorized());
    }

    @Test
    void vectorAndScalarKernelsGiveTheSameBitsOnRandomGemms() {
        TileKernel vector = TileKernel.best();
        assumeTrue(vector instanceof VectorTileKernel, "needs --add-modules jdk.incubator.vector");
        TileKernel scalar = new ScalarTileKernel(vector.lanes());
        Random rnd = new Random(11);
        for (int i = 0; i < 60; i++) {
            Gemm g = new Gemm(1 + rnd.nextInt(40), 1 + rnd.nextInt(90), 1 + rnd.nextInt(700), 1 + rnd.nextInt(2));
            Datatype d = Datatype.values()[i % 3];
            GemmOperands op = CycleEngineClosedFormTest.random(g, d, rnd);
            ArraySpec arr = new ArraySpec(1 + rnd.nextInt(300), 1 + rnd.nextInt(8), Dataflow.values()[(i / 3) % 3]);
            int threads = 1 + i % 3;
            assertArrayEquals(new FastGemm(threads, null, scalar).multiply(op, arr),
                    new FastGemm(threads, null, vector).multiply(op, arr), g + " " + d + " on " + arr);
        }
    }

    @Test
    void bothKernelsEqualTheCycleSteppedEngineOnMultiTileLayers() {
        TileKernel best = TileKernel.best();
        List<TileKernel> kernels = best instanceof VectorTileKernel
                ? List.of(best, new ScalarTileKernel(best.lanes())) : List.of(best);
        Random rnd = new Random(5);
        int[][] arrays = {{8, 8}, {32, 16}, {300, 4}, {5, 7}};
        for (int i = 0; i < 8; i++) {
            Node node = layer(rnd, i);
            Datatype d = Datatype.values()[i % 3];
            Tensor x = EngineAgreementTest.randomTensor(node.inputShapes().get(0), d, rnd);
            Tensor w = EngineAgreementTest.randomTensor(EngineAgreementTest.weightShape(node), d, rnd);
            Tensor b = EngineAgreementTest.randomBias(node, d, rnd);
            for (Dataflow df : Dataflow.values()) {
                int[] a = arrays[(i + df.ordinal()) % arrays.length];
                ArraySpec arr = new ArraySpec(a[0], a[1], df);
                TimingConvention tc = TimingConvention.sasim();
                Tensor cycle = SystolicArray.run(node, x, w, b, arr, d, tc, Engine.CYCLE, 1).output().orElseThrow();
                for (TileKernel k : kernels) {
                    try (GemmWorkers workers = new GemmWorkers(2)) {
                        Tensor fast = new FastGemm(2, workers, k).layer(node, x, w, b, arr, d);
                        EngineAgreementTest.assertSameBits(cycle, fast, node.layer() + " " + d + " on " + arr + " with "
                                + k.getClass().getSimpleName());
                    }
                }
            }
        }
    }

    @Test
    void resultsDoNotDependOnTheThreadCount() {
        Random rnd = new Random(3);
        Node node = conv("c", 24, 20, 1, 3, 1, 1, 2, 14, 14);
        Tensor x = EngineAgreementTest.randomTensor(node.inputShapes().get(0), Datatype.FP32, rnd);
        Tensor w = EngineAgreementTest.randomTensor(EngineAgreementTest.weightShape(node), Datatype.FP32, rnd);
        ArraySpec arr = new ArraySpec(16, 16, Dataflow.WEIGHT_STATIONARY);
        Tensor one = SystolicArray.run(node, x, w, null, arr, Datatype.FP32, TimingConvention.sasim(), Engine.FAST, 1)
                .output().orElseThrow();
        for (int t = 2; t <= 5; t++) {
            Tensor many = SystolicArray.run(node, x, w, null, arr, Datatype.FP32, TimingConvention.sasim(),
                    Engine.FAST, t).output().orElseThrow();
            EngineAgreementTest.assertSameBits(one, many, t + " threads");
        }
    }

    @Test
    void int8SumsWrapAroundLikeInt32() {
        // 140,000 products of (-128)(-128) = 2^14 sum to 2,293,760,000 > 2^31 - 1: the int32 accumulator wraps
        int k = 140_000;
        int[] a = new int[k];
        int[] b = new int[k];
        java.util.Arrays.fill(a, -128);
        java.util.Arrays.fill(b, -128);
        GemmOperands op = new GemmOperands(new Gemm(1, 1, k, 1), Datatype.INT8, a, b);
        int expected = (int) ((long) k * 16_384);
        for (Dataflow df : Dataflow.values()) {
            ArraySpec arr = new ArraySpec(32, 32, df);
            assertEquals(expected, new FastGemm(1).multiply(op, arr)[0], df.toString());
            assertEquals(expected, new FastGemm(1, null, new ScalarTileKernel(32)).multiply(op, arr)[0]);
        }
    }

    @Test
    void int8BlockSumsAtTheirLargestMagnitudeConvertExactly() {
        // full 8-row tiles whose every product is the largest positive (-128 * -128 = 16,384) or the most negative
        // (-128 * 127 = -16,256) int8 product: a 256-deep block sums to 2^22 or -4,161,536, the ends of the range
        // where the kernel's float-to-int step must still be exact; 600 = two full blocks and a partial one
        int m = 16;
        int n = 40;
        int k = 600;
        int[] a = new int[m * k];
        int[] b = new int[k * n];
        java.util.Arrays.fill(a, -128);
        for (int kk = 0; kk < k; kk++) {
            for (int j = 0; j < n; j++) {
                b[kk * n + j] = j % 2 == 0 ? -128 : 127;
            }
        }
        GemmOperands op = new GemmOperands(new Gemm(m, n, k, 1), Datatype.INT8, a, b);
        for (Dataflow df : Dataflow.values()) {
            int[] out = new FastGemm(2).multiply(op, new ArraySpec(32, 32, df));
            for (int i = 0; i < m * n; i++) {
                assertEquals(k * (i % n % 2 == 0 ? 16_384 : -16_256), out[i], df + " output " + i);
            }
        }
    }

    @Test
    void widenGivesEveryInt8ValueAsItsFloatOnUnalignedRangesAndNothingOutside() {
        // -128..127, then -128..-85 again
        byte[] src = new byte[300];
        for (int i = 0; i < src.length; i++) {
            src[i] = (byte) (i - 128);
        }
        TileKernel best = TileKernel.best();
        for (TileKernel kernel : List.of(best, new ScalarTileKernel(best.lanes()))) {
            float[] dst = new float[src.length];
            java.util.Arrays.fill(dst, Float.NaN);
            kernel.widen(src, dst, 3, 290);
            for (int i = 0; i < dst.length; i++) {
                float expected = i < 3 || i >= 290 ? Float.NaN : i < 256 ? i - 128 : i - 384;
                assertEquals(expected, dst[i], kernel.getClass().getSimpleName() + " word " + i);
            }
        }
    }

    @Test
    void int8DotProductsAreExactInt32AcrossBlocksTailsAndPartialRowGroups() {
        // depths below one vector, across the kernels' exact blocks (256 products per lane) and with a scalar tail;
        // values at the int8 extremes (the largest product, 2^14, everywhere in row 0) or random; 140,000 products
        // of 2^14 overflow int32 and must wrap as the PEs' accumulators do
        Random rnd = new Random(5);
        TileKernel best = TileKernel.best();
        List<TileKernel> kernels = best instanceof VectorTileKernel
                ? List.of(best, new ScalarTileKernel(best.lanes())) : List.of(best);
        for (int depth : new int[] {1, 7, 33, 4096, 4097, 10_007, 140_000}) {
            float[] x = new float[depth + 3];
            byte[] w = new byte[8 * (depth + 5) + 2];
            for (int k = 0; k < x.length; k++) {
                x[k] = k < 3 || k % 3 != 0 ? -128 : rnd.nextInt(256) - 128;
            }
            for (int i = 0; i < w.length; i++) {
                w[i] = (byte) (i < depth + 2 + 5 ? -128 : rnd.nextInt(256) - 128);
            }
            for (int rows = 1; rows <= TileKernel.ROWS; rows += TileKernel.ROWS - 1) {
                int[] expected = new int[rows + 1];
                for (int r = 0; r < rows; r++) {
                    long s = 0;
                    for (int k = 0; k < depth; k++) {
                        s += (long) x[3 + k] * w[2 + r * (depth + 5) + k];
                    }
                    expected[1 + r] = (int) s;
                }
                for (TileKernel kernel : kernels) {
                    int[] out = new int[rows + 1];
                    kernel.int8Dots(x, 3, w, 2, depth + 5, depth, rows, out, 1);
                    assertArrayEquals(expected, out, kernel.getClass().getSimpleName() + " depth " + depth
                            + ", " + rows + " rows");
                }
            }
        }
    }

    /**
     * Conv layers with 4-32 output channels, K up to ~600 and odd pixel counts (the first a 1x1 stride-1 conv, read
     * in place); every fourth a linear layer, one of them with a batch of 20 (x across the rows instead of lanes).
     */
    private static Node layer(Random rnd, int i) {
        if (i % 4 == 3) {
            int in = 200 + rnd.nextInt(400);
            Layer l = new Linear("fc" + i, "input", in, 20 + rnd.nextInt(60), true);
            Shape s = Shape.of(i == 7 ? 20 : 1 + rnd.nextInt(3), in);
            return new Node(l, List.of(s), l.outputShape(List.of(s)));
        }
        int groups = i % 4 == 2 ? 2 : 1;
        if (i == 0) {
            return conv("pointwise", 300, 20, 1, 1, 1, 0, 2, 9, 7);
        }
        return conv("conv" + i, groups * (8 + rnd.nextInt(40)), groups * (4 + rnd.nextInt(13)), groups,
                1 + 2 * rnd.nextInt(2), 1 + rnd.nextInt(2), rnd.nextInt(2), 1 + rnd.nextInt(2), 5 + rnd.nextInt(9),
                5 + rnd.nextInt(9));
    }

    private static Node conv(String name, int cin, int cout, int groups, int k, int stride, int pad, int batch, int h,
                             int w) {
        Conv2d c = new Conv2d(name, "input", cin, cout, Dims2.square(k), Dims2.square(stride), Dims2.square(pad),
                Dims2.square(1), groups, true);
        Shape s = Shape.nchw(batch, cin, h, w);
        return new Node(c, List.of(s), c.outputShape(List.of(s)));
    }
}
