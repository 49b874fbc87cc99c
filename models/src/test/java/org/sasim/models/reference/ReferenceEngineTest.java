package org.sasim.models.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.TestTensors;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.DenseParams;
import org.sasim.models.weights.LayerParams;
import org.sasim.models.weights.Weights;

/** Hand-computed cases for behaviour the PyTorch vectors do not cover, and the engine's contracts. */
class ReferenceEngineTest {
    private static final Shape IMG = Shape.nchw(1, 2, 4, 4);

    private record Sample(Layer layer, List<FloatTensor> inputs, LayerParams params) {
    }

    /** One runnable instance of every layer kind. */
    private static Map<Class<?>, Sample> samples() {
        FloatTensor x = TestTensors.uniform(IMG, 1);
        FloatTensor c2 = TestTensors.uniform(Shape.of(2), 2);
        Map<Class<?>, Sample> m = new LinkedHashMap<>();
        m.put(Conv2d.class, new Sample(Conv2d.square("conv", "input", 2, 3, 3, 1, 1, true), List.of(x),
                new DenseParams(TestTensors.uniform(Shape.of(3, 2, 3, 3), 3), TestTensors.uniform(Shape.of(3), 4))));
        m.put(Linear.class, new Sample(new Linear("fc", "input", 4, 3, false),
                List.of(TestTensors.uniform(Shape.of(2, 4), 5)),
                new DenseParams(TestTensors.uniform(Shape.of(3, 4), 6), null)));
        m.put(MaxPool2d.class, new Sample(MaxPool2d.square("mp", "input", 2, 2, 0), List.of(x), null));
        m.put(AvgPool2d.class, new Sample(new AvgPool2d("ap", "input", Dims2.square(3), Dims2.square(2),
                Dims2.square(1), true, false), List.of(x), null));
        m.put(AdaptiveAvgPool2d.class, new Sample(new AdaptiveAvgPool2d("aap", "input", new Dims2(3, 2)),
                List.of(x), null));
        m.put(GlobalAvgPool.class, new Sample(new GlobalAvgPool("gap", "input"), List.of(x), null));
        m.put(Relu.class, new Sample(new Relu("relu", "input"), List.of(x), null));
        m.put(LeakyRelu.class, new Sample(new LeakyRelu("lrelu", "input", 0.1), List.of(x), null));
        m.put(Sigmoid.class, new Sample(new Sigmoid("sig", "input"), List.of(x), null));
        m.put(Tanh.class, new Sample(new Tanh("tanh", "input"), List.of(x), null));
        m.put(BatchNorm2d.class, new Sample(new BatchNorm2d("bn", "input", 2, 1e-5), List.of(x),
                new BatchNormParams(c2, c2, c2, TestTensors.of(Shape.of(2), 0.5f, 2f))));
        m.put(Add.class, new Sample(new Add("add", List.of("a", "b")), List.of(x, x), null));
        m.put(Flatten.class, new Sample(new Flatten("flat", "input"), List.of(x), null));
        m.put(Softmax.class, new Sample(new Softmax("sm", "input"), List.of(x), null));
        m.put(Lrn.class, new Sample(new Lrn("lrn", "input", 3, 1e-4, 0.75, 2.0), List.of(x), null));
        m.put(Dropout.class, new Sample(new Dropout("drop", "input", 0.5), List.of(x), null));
        return m;
    }

    @Test
    void everyLayerKindIsImplemented() {
        Map<Class<?>, Sample> samples = samples();
        for (Class<?> kind : Layer.class.getPermittedSubclasses()) {
            Sample s = samples.get(kind);
            assertTrue(s != null, "no reference sample for layer kind " + kind.getSimpleName()
                    + " (a new Layer needs a reference implementation and a sample here)");
            FloatTensor out = ReferenceEngine.evaluate(s.layer(), s.inputs(), s.params());
            List<Shape> shapes = s.inputs().stream().map(FloatTensor::shape).toList();
            assertEquals(s.layer().outputShape(shapes), out.shape(), kind.getSimpleName());
            for (float v : out.data()) {
                assertTrue(Float.isFinite(v), kind.getSimpleName() + " produced " + v);
            }
        }
        assertEquals(Layer.class.getPermittedSubclasses().length, samples.size());
    }

    // ------------------------------------------------------------------ pooling rules

    /** 4x4 input 1..16, kernel 3, stride 2, padding 1, ceil mode: a 3x3 output whose last windows overhang. */
    @Test
    void avgPoolCeilModeDivisorsFollowPyTorch() {
        FloatTensor x = TestTensors.iota(Shape.nchw(1, 1, 4, 4));
        float[] incl = avg(x, true).data();
        float[] excl = avg(x, false).data();
        // (0,0): taps 1,2,5,6. With padding counted the window is 3x3 = 9; without, 4 real taps.
        assertEquals(14f / 9, incl[0], 1e-6);
        assertEquals(14f / 4, excl[0], 1e-6);
        // (2,0): rows 3..4 (4 is padding, 5 would be past the padded input), cols -1..1: real taps 13, 14.
        // Divisor with padding: 2 rows x 3 cols = 6 (the overhang past the padded input is never counted).
        assertEquals(27f / 6, incl[6], 1e-6);
        assertEquals(27f / 2, excl[6], 1e-6);
        // (2,2): only tap 16 is real; padded window 2x2.
        assertEquals(16f / 4, incl[8], 1e-6);
        assertEquals(16f, excl[8], 1e-6);
    }

    private static FloatTensor avg(FloatTensor x, boolean countIncludePad) {
        AvgPool2d l = new AvgPool2d("ap", "input", Dims2.square(3), Dims2.square(2), Dims2.square(1), true,
                countIncludePad);
        return ReferenceEngine.evaluate(l, List.of(x), null);
    }

    @Test
    void avgPoolCeilModeWithoutPaddingDividesByTheClippedWindow() {
        // 5x5 input, kernel 2, stride 2, ceil: the last row/column windows hold 2 and then 1 real tap.
        FloatTensor x = TestTensors.iota(Shape.nchw(1, 1, 5, 5));
        AvgPool2d l = new AvgPool2d("ap", "input", Dims2.square(2), Dims2.square(2), Dims2.square(0), true, true);
        float[] y = ReferenceEngine.evaluate(l, List.of(x), null).data();
        assertEquals(9, y.length);
        assertEquals((1 + 2 + 6 + 7) / 4f, y[0]);
        assertEquals((5 + 10) / 2f, y[2]);
        assertEquals(25f, y[8]);
    }

    @Test
    void maxPoolTreatsPaddingAsMinusInfinityAndPropagatesNaN() {
        FloatTensor x = TestTensors.of(Shape.nchw(1, 1, 2, 2), -5, -6, -7, -8);
        MaxPool2d l = new MaxPool2d("mp", "input", Dims2.square(2), Dims2.square(2), Dims2.square(1), true);
        // Windows each see one real tap; zero padding would wrongly give 0.
        assertArrayEquals(new float[] {-5, -6, -7, -8}, ReferenceEngine.evaluate(l, List.of(x), null).data());
        FloatTensor withNaN = TestTensors.of(Shape.nchw(1, 1, 2, 2), 1, Float.NaN, 3, 4);
        MaxPool2d all = MaxPool2d.square("mp", "input", 2, 2, 0);
        assertTrue(Float.isNaN(ReferenceEngine.evaluate(all, List.of(withNaN), null).data()[0]));
    }

    @Test
    void adaptiveAvgPoolUsesFloorAndCeilBounds() {
        // 5 -> 3: rows [0,2), [1,4), [3,5) overlap.
        FloatTensor x = TestTensors.iota(Shape.nchw(1, 1, 1, 5));
        AdaptiveAvgPool2d l = new AdaptiveAvgPool2d("aap", "input", new Dims2(1, 3));
        assertArrayEquals(new float[] {1.5f, 3f, 4.5f}, ReferenceEngine.evaluate(l, List.of(x), null).data());
    }

    // ------------------------------------------------------------------ element-wise and normalisation

    @Test
    void activations() {
        FloatTensor x = TestTensors.of(Shape.of(1, 5), -1000, -2, 0, 2, 1000);
        assertArrayEquals(new float[] {0, 0, 0, 2, 1000}, eval(new Relu("r", "input"), x));
        assertArrayEquals(new float[] {-100, -0.2f, 0, 2, 1000}, eval(new LeakyRelu("l", "input", 0.1), x));
        float[] s = eval(new Sigmoid("s", "input"), x);
        assertEquals(0f, s[0]); // no NaN from e^1000
        assertEquals((float) (1 / (1 + Math.exp(2))), s[1]);
        assertEquals(0.5f, s[2]);
        assertEquals(1f, s[4]);
        assertArrayEquals(new float[] {-1, (float) Math.tanh(-2), 0, (float) Math.tanh(2), 1},
                eval(new Tanh("t", "input"), x));
    }

    @Test
    void softmaxOverChannelsOfNchwIsStableForHugeLogits() {
        // Two channels at each of two pixels; softmax pairs (x[c=0][i], x[c=1][i]): (1000, 1000) and (0, -1000).
        FloatTensor x = TestTensors.of(Shape.nchw(1, 2, 1, 2), 1000, 0, 1000, -1000);
        float[] y = eval(new Softmax("sm", "input"), x);
        assertEquals(0.5f, y[0]);
        assertEquals(1f, y[1]);
        assertEquals(0.5f, y[2]);
        assertEquals(0f, y[3]);
    }

    @Test
    void lrnWithEvenSizePadsOneChannelBeforeAndNoneAfter() {
        // size 2: window [c-1, c]; avg = sum / 2; k = alpha = beta = 1.
        FloatTensor x = TestTensors.of(Shape.nchw(1, 3, 1, 1), 1, 2, 3);
        float[] y = eval(new Lrn("lrn", "input", 2, 1, 1, 1), x);
        assertArrayEquals(new float[] {1 / 1.5f, 2 / 3.5f, 3 / 7.5f}, y, 1e-7f);
    }

    @Test
    void batchNormUsesRunningStatistics() {
        FloatTensor x = TestTensors.of(Shape.nchw(2, 1, 1, 2), 1, 3, 5, 7);
        BatchNormParams p = new BatchNormParams(TestTensors.of(Shape.of(1), 2), TestTensors.of(Shape.of(1), 1),
                TestTensors.of(Shape.of(1), 3), TestTensors.of(Shape.of(1), 4));
        FloatTensor y = ReferenceEngine.evaluate(new BatchNorm2d("bn", "input", 1, 1e-12), List.of(x), p);
        // (x - 3) / 2 * 2 + 1
        assertArrayEquals(new float[] {-1, 1, 3, 5}, y.data(), 1e-6f);
    }

    @Test
    void addSumsAllInputs() {
        FloatTensor a = TestTensors.of(Shape.of(1, 2), 1, 2);
        Add add = new Add("add", List.of("a", "b", "c"));
        assertArrayEquals(new float[] {3, 6}, ReferenceEngine.evaluate(add, List.of(a, a, a), null).data());
    }

    @Test
    void dropoutIsTheIdentity() {
        FloatTensor x = TestTensors.uniform(IMG, 9);
        assertSame(x, ReferenceEngine.evaluate(new Dropout("d", "input", 0.5), List.of(x), null));
    }

    private static float[] eval(Layer l, FloatTensor x) {
        return ReferenceEngine.evaluate(l, List.of(x), null).data();
    }

    // ------------------------------------------------------------------ int8

    @Test
    void int8ConvMatchesTheFloatFormulaExactly() {
        Conv2d c = new Conv2d("q", "input", 4, 4, new Dims2(3, 2), new Dims2(2, 1), new Dims2(1, 1),
                new Dims2(1, 2), 2, true);
        byte[] xb = new byte[1 * 4 * 5 * 6];
        byte[] wb = new byte[4 * 2 * 3 * 2];
        for (int i = 0; i < xb.length; i++) {
            xb[i] = (byte) (i * 37 - 100);
        }
        for (int i = 0; i < wb.length; i++) {
            wb[i] = (byte) (i * 53 + 7);
        }
        int[] bias = {1 << 20, -3, 0, 99};
        ByteTensor x = new ByteTensor(Shape.nchw(1, 4, 5, 6), xb);
        ByteTensor w = new ByteTensor(c.weightShape(), wb);
        IntTensor q = ReferenceEngine.evaluateInt8(c, x, w, new IntTensor(Shape.of(4), bias));
        // Small integers are exact in float64, so the float path must agree to the last bit.
        FloatTensor f = ReferenceEngine.evaluate(c, List.of(x.toFloat()), new DenseParams(w.toFloat(),
                new IntTensor(Shape.of(4), bias).toFloat()));
        for (int i = 0; i < q.data().length; i++) {
            assertEquals(f.data()[i], (float) q.data()[i], "element " + i);
        }
    }

    @Test
    void int8OverflowOfTheInt32AccumulatorIsAnError() {
        int n = 140_000; // 140000 * (-128 * -128) = 2.29e9 > 2^31 - 1
        byte[] ones = new byte[n];
        Arrays.fill(ones, (byte) -128);
        Linear l = new Linear("fc_big", "input", n, 1, false);
        ArithmeticException e = assertThrows(ArithmeticException.class, () -> ReferenceEngine.evaluateInt8(l,
                new ByteTensor(Shape.of(1, n), ones), new ByteTensor(Shape.of(1, n), ones), null));
        assertTrue(e.getMessage().contains("fc_big"), e.getMessage());
    }

    @Test
    void int8IsOnlyDefinedForConvAndLinear() {
        ByteTensor x = new ByteTensor(Shape.of(1, 2), new byte[2]);
        GraphException e = assertThrows(GraphException.class,
                () -> ReferenceEngine.evaluateInt8(new Relu("r", "input"), x, x, null));
        assertEquals("r", e.layer());
    }

    // ------------------------------------------------------------------ contracts

    @Test
    void shapeErrorsNameTheLayer() {
        Conv2d c = Conv2d.square("conv7", "input", 2, 3, 3, 1, 1, false);
        FloatTensor x = TestTensors.uniform(IMG, 1);
        DenseParams wrong = new DenseParams(TestTensors.uniform(Shape.of(3, 2, 5, 5), 2), null);
        RuntimeException e = assertThrows(RuntimeException.class,
                () -> ReferenceEngine.evaluate(c, List.of(x), wrong));
        assertTrue(e.getMessage().contains("conv7") && e.getMessage().contains("3x2x5x5")
                && e.getMessage().contains("3x2x3x3"), e.getMessage());
        GraphException in = assertThrows(GraphException.class, () -> ReferenceEngine.evaluate(c,
                List.of(TestTensors.uniform(Shape.nchw(1, 5, 4, 4), 3)),
                new DenseParams(TestTensors.uniform(c.weightShape(), 2), null)));
        assertEquals("conv7", in.layer());
        GraphException missing = assertThrows(GraphException.class,
                () -> ReferenceEngine.evaluate(c, List.of(x), null));
        assertEquals("conv7", missing.layer());
    }

    /** A residual block: a tensor read by two layers must survive until its last reader under OUTPUT_ONLY. */
    @Test
    void runKeepsSharedTensorsUntilTheirLastUse() {
        List<Layer> layers = List.of(new Relu("stem", "input"),
                Conv2d.square("branch", "stem", 2, 2, 3, 1, 1, false),
                new Add("sum", List.of("branch", "stem")),
                new GlobalAvgPool("gap", "sum"));
        Network net = Network.of("res", IMG, layers);
        Weights w = Weights.of(net, Map.of("branch",
                new DenseParams(TestTensors.uniform(Shape.of(2, 2, 3, 3), 5), null)));
        FloatTensor x = TestTensors.uniform(IMG, 6);
        ReferenceRun all = ReferenceEngine.run(net, w, x);
        assertEquals(List.of("stem", "branch", "sum", "gap"), List.copyOf(all.activations().keySet()));
        ReferenceRun last = ReferenceEngine.run(net, w, x, ReferenceEngine.Retention.OUTPUT_ONLY);
        assertEquals(all.output(), last.output());
        assertEquals(all.activation("gap"), last.output());
        assertThrows(IllegalArgumentException.class, () -> last.activation("stem"));
        // The sum really is branch + stem.
        float[] sum = all.activation("sum").data();
        for (int i = 0; i < sum.length; i++) {
            assertEquals(all.activation("branch").data()[i] + all.activation("stem").data()[i], sum[i]);
        }
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ReferenceEngine.run(net, w, TestTensors.uniform(Shape.nchw(2, 2, 4, 4), 1)));
        assertTrue(bad.getMessage().contains("2x2x4x4"), bad.getMessage());
    }
}
