package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;

/**
 * The fast engine equals the cycle-stepped engine, in cycles and in every output bit, over 1,500 random small layers
 * (stride, padding, dilation, groups incl. depthwise, batch, non-square, linear) x 3 dataflows x 3 datatypes, with
 * the array (1x1, 2x3, 4x8, 8x8, 3x5, 12x7, 16x16, 32x32, 64x64 - larger than every layer) and the convention
 * (scalesim, sasim, sasim without shadow registers) rotating so every combination occurs; and on GEMMs up to
 * 160 x 160 x 160 on arrays up to 40 x 40.
 */
class EngineAgreementTest {
    private static final int[][] ARRAYS = {{1, 1}, {2, 3}, {4, 8}, {8, 8}, {3, 5}, {12, 7}, {16, 16}, {32, 32},
        {64, 64}};
    private static final List<TimingConvention> CONVENTIONS = List.of(TimingConvention.scaleSim(),
            TimingConvention.sasim(), new SasimConvention(false));

    static Node randomLayer(Random rnd, int i) {
        int batch = 1 + rnd.nextInt(2);
        if (rnd.nextInt(8) == 0) {
            int in = 1 + rnd.nextInt(20);
            Layer l = new Linear("fc" + i, "input", in, 1 + rnd.nextInt(10), rnd.nextBoolean());
            Shape s = Shape.of(batch, in);
            return new Node(l, List.of(s), l.outputShape(List.of(s)));
        }
        while (true) {
            int groups = rnd.nextInt(4) == 0 ? 1 + rnd.nextInt(3) : 1;
            int cin = groups * (1 + rnd.nextInt(3));
            int cout = groups * (1 + rnd.nextInt(3));
            Dims2 k = new Dims2(1 + rnd.nextInt(3), 1 + rnd.nextInt(3));
            Dims2 st = new Dims2(1 + rnd.nextInt(2), 1 + rnd.nextInt(2));
            Dims2 pad = new Dims2(rnd.nextInt(2), rnd.nextInt(2));
            Dims2 dil = rnd.nextInt(4) == 0 ? new Dims2(2, 1 + rnd.nextInt(2)) : new Dims2(1, 1);
            Shape s = Shape.nchw(batch, cin, 2 + rnd.nextInt(6), 2 + rnd.nextInt(6));
            Conv2d c = new Conv2d("conv" + i, "input", cin, cout, k, st, pad, dil, groups, rnd.nextBoolean());
            int eh = dil.h() * (k.h() - 1) + 1;
            int ew = dil.w() * (k.w() - 1) + 1;
            if (s.height() + 2 * pad.h() >= eh && s.width() + 2 * pad.w() >= ew) {
                return new Node(c, List.of(s), c.outputShape(List.of(s)));
            }
        }
    }

    static Tensor randomTensor(Shape s, Datatype d, Random rnd) {
        int n = (int) s.elements();
        if (d == Datatype.INT8) {
            byte[] b = new byte[n];
            rnd.nextBytes(b);
            return new ByteTensor(s, b);
        }
        float[] f = new float[n];
        for (int i = 0; i < n; i++) {
            f[i] = (float) rnd.nextGaussian();
        }
        return new FloatTensor(s, f);
    }

    static Tensor randomBias(Node node, Datatype d, Random rnd) {
        boolean has = node.layer() instanceof Conv2d c ? c.bias() : ((Linear) node.layer()).bias();
        if (!has) {
            return null;
        }
        int ch = node.outputShape().dim(1);
        if (d == Datatype.INT8) {
            int[] v = new int[ch];
            for (int i = 0; i < ch; i++) {
                v[i] = rnd.nextInt(2001) - 1000;
            }
            return new IntTensor(Shape.of(ch), v);
        }
        return randomTensor(Shape.of(ch), d, rnd);
    }

    static Shape weightShape(Node node) {
        return node.layer() instanceof Conv2d c ? c.weightShape() : ((Linear) node.layer()).weightShape();
    }

    @Test
    void fastEqualsCycleSteppedInCyclesAndBits() {
        Random rnd = new Random(20240531);
        int runs = 0;
        java.util.Set<String> combinations = new java.util.HashSet<>();
        for (int i = 0; i < 1500; i++) {
            Node node = randomLayer(rnd, i);
            for (Datatype d : Datatype.values()) {
                Tensor x = randomTensor(node.inputShapes().get(0), d, rnd);
                Tensor w = randomTensor(weightShape(node), d, rnd);
                Tensor b = randomBias(node, d, rnd);
                for (Dataflow df : Dataflow.values()) {
                    int[] a = ARRAYS[(i + d.ordinal() + df.ordinal()) % ARRAYS.length];
                    ArraySpec arr = new ArraySpec(a[0], a[1], df);
                    // the convention advances once per sweep of the arrays, so every (array, convention) pair occurs
                    TimingConvention tc = CONVENTIONS.get((i / ARRAYS.length + d.ordinal()) % CONVENTIONS.size());
                    combinations.add(arr + " " + d + " " + tc);
                    ArrayResult fast = SystolicArray.run(node, x, w, b, arr, d, tc, Engine.FAST, 1 + i % 3);
                    ArrayResult cyc = SystolicArray.run(node, x, w, b, arr, d, tc, Engine.CYCLE, 1);
                    String what = node.layer() + " " + node.inputShapes() + " on " + arr + " " + d + " " + tc;
                    assertEquals(cyc.cycles(), fast.cycles(), what);
                    assertSameBits(cyc.output().orElseThrow(), fast.output().orElseThrow(), what);
                    runs++;
                }
            }
        }
        assertEquals(1500 * 9, runs);
        assertEquals(ARRAYS.length * Dataflow.values().length * Datatype.values().length * CONVENTIONS.size(),
                combinations.size(), "every array, dataflow, datatype and convention combination ran");
    }

    @Test
    void fastEqualsCycleSteppedOnLargerGemmsAndArrays() {
        // GEMMs up to 160 x 160 x 160 on arrays of 8 to 40 rows and columns: many full and partial folds
        Random rnd = new Random(99);
        int runs = 0;
        for (int trial = 0; trial < 12; trial++) {
            org.sasim.simulator.mapping.Gemm g = new org.sasim.simulator.mapping.Gemm(1 + rnd.nextInt(160),
                    1 + rnd.nextInt(160), 1 + rnd.nextInt(160), 1 + rnd.nextInt(2));
            int rows = 8 + rnd.nextInt(33);
            int cols = 8 + rnd.nextInt(33);
            Datatype d = Datatype.values()[trial % Datatype.values().length];
            GemmOperands op = CycleEngineClosedFormTest.random(g, d, rnd);
            for (Dataflow df : Dataflow.values()) {
                ArraySpec arr = new ArraySpec(rows, cols, df);
                TimingConvention tc = CONVENTIONS.get((trial + df.ordinal()) % CONVENTIONS.size());
                CycleRun cyc = SystolicEngine.of(df).run(op, arr, tc);
                String what = g + " on " + arr + " " + d + " " + tc;
                assertEquals(FoldSchedule.of(g, arr, tc).cycles(), cyc.cycles(), what);
                org.junit.jupiter.api.Assertions.assertArrayEquals(new FastGemm(2).multiply(op, arr), cyc.output(),
                        what);
                runs++;
            }
        }
        assertEquals(12 * 3, runs);
    }

    @Test
    void fastEqualsCycleSteppedWhenRowsAreSplitOverTasksAndOnBatchOneLinearLayers() {
        // more than 8 output channels over few pixels: the fast engine splits the rows over tasks sharing one
        // packed im2col; rows wider than a panel: panels packed by one copy per k; few-row linear layers with many
        // outputs take the matrix-vector path (8 chains + the rest)
        Random rnd = new Random(7);
        int runs = 0;
        for (int i = 0; i < 24; i++) {
            Node node;
            if (i % 3 == 2) {
                Layer l = new Linear("fc" + i, "input", 1 + rnd.nextInt(300), 9 + rnd.nextInt(40), rnd.nextBoolean());
                Shape s = Shape.of(1 + rnd.nextInt(3), ((Linear) l).inFeatures());
                node = new Node(l, List.of(s), l.outputShape(List.of(s)));
            } else {
                int cin = 1 + rnd.nextInt(4);
                Conv2d c = new Conv2d("conv" + i, "input", cin, 9 + rnd.nextInt(40), new Dims2(3, 3),
                        new Dims2(1 + rnd.nextInt(2), 1), new Dims2(1, 1), new Dims2(1, 1), 1, rnd.nextBoolean());
                // some rows wider than a 32-lane panel, so whole panels lie inside one output row
                Shape s = i % 3 == 1 ? Shape.nchw(1, cin, 2 + rnd.nextInt(3), 33 + rnd.nextInt(40))
                        : Shape.nchw(1, cin, 3 + rnd.nextInt(5), 3 + rnd.nextInt(5));
                node = new Node(c, List.of(s), c.outputShape(List.of(s)));
            }
            for (Datatype d : Datatype.values()) {
                Tensor x = randomTensor(node.inputShapes().get(0), d, rnd);
                Tensor w = randomTensor(weightShape(node), d, rnd);
                Tensor b = randomBias(node, d, rnd);
                for (Dataflow df : Dataflow.values()) {
                    ArraySpec arr = new ArraySpec(4 + rnd.nextInt(13), 4 + rnd.nextInt(13), df);
                    TimingConvention tc = CONVENTIONS.get(rnd.nextInt(CONVENTIONS.size()));
                    ArrayResult cyc = SystolicArray.run(node, x, w, b, arr, d, tc, Engine.CYCLE, 1);
                    for (int threads = 1; threads <= 3; threads++) {
                        ArrayResult fast = SystolicArray.run(node, x, w, b, arr, d, tc, Engine.FAST, threads);
                        String what = node.layer() + " " + node.inputShapes() + " on " + arr + " " + d + " " + tc
                                + ", " + threads + " threads";
                        assertEquals(cyc.cycles(), fast.cycles(), what);
                        assertSameBits(cyc.output().orElseThrow(), fast.output().orElseThrow(), what);
                        runs++;
                    }
                }
            }
        }
        assertEquals(24 * 9 * 3, runs);
    }

    static void assertSameBits(Tensor expected, Tensor actual, String what) {
        assertEquals(expected.shape(), actual.shape(), what);
        if (expected instanceof IntTensor e) {
            int[] a = ((IntTensor) actual).data();
            for (int i = 0; i < a.length; i++) {
                if (e.data()[i] != a[i]) {
                    fail(what + ": element " + i + " " + e.data()[i] + " != " + a[i]);
                }
            }
            return;
        }
        float[] e = ((FloatTensor) expected).data();
        float[] a = ((FloatTensor) actual).data();
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToRawIntBits(e[i]) != Float.floatToRawIntBits(a[i])) {
                fail(what + ": element " + i + " " + e[i] + " != " + a[i]);
            }
        }
    }
}
