package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.tensor.Tensor;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;

/**
 * Array outputs against PyTorch on the conv and linear cases of {@code ../shared/reference/torch/vectors}: int8
 * bit-exact; fp32 within {@code 1e-4 * max(1, max|ref|)}; bf16 within the bound of rounding both operands to
 * bfloat16 (8 significant bits: unit roundoff 2^-8 each, so at most 2^-7 + 2^-16 relative per product, which is
 * then exact in fp32) plus fp32 accumulation over K terms (at most K * 2^-24 relative to the sum of magnitudes):
 * {@code |y - ref| <= (2^-7 + 2^-16 + K * 2^-24) * sum_k |x_k w_k| + 1e-4 * max(1, max|ref|)}, per element.
 * Every case runs on the fast engine for all three dataflows (8x8 array, sasim convention); cases of up to 300k MACs
 * also on the cycle-stepped engine.
 */
class TorchVectorsTest {
    private static final Path VECTORS = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference",
            "torch", "vectors");

    private record Case(String name, Node node, Tensor x, Tensor w, Tensor b, Tensor out, boolean int8) {
    }

    private static List<Case> cases() throws IOException {
        JsonNode root = new ObjectMapper().readTree(VECTORS.resolve("index.json").toFile());
        List<Case> list = new ArrayList<>();
        for (JsonNode c : root.get("cases")) {
            String op = c.get("op").asText();
            if (!op.startsWith("conv2d") && !op.startsWith("linear")) {
                continue;
            }
            JsonNode in = c.get("inputs");
            Tensor x = Npy.read(VECTORS.resolve(in.get("x").get("file").asText()));
            Tensor w = Npy.read(VECTORS.resolve(in.get("w").get("file").asText()));
            Tensor b = in.has("b") ? Npy.read(VECTORS.resolve(in.get("b").get("file").asText())) : null;
            Tensor out = Npy.read(VECTORS.resolve(c.get("output").get("file").asText()));
            JsonNode p = c.get("params");
            String name = c.get("name").asText();
            Layer layer = op.startsWith("conv2d")
                    ? new Conv2d(name, "input", x.shape().dim(1), w.shape().dim(0), dims(p.get("kernel")),
                            dims(p.get("stride")), dims(p.get("padding")), dims(p.get("dilation")),
                            p.get("groups").asInt(), b != null)
                    : new Linear(name, "input", p.get("in_features").asInt(), p.get("out_features").asInt(),
                            b != null);
            Node node = new Node(layer, List.of(x.shape()), layer.outputShape(List.of(x.shape())));
            list.add(new Case(name, node, x, w, b, out, op.endsWith("int8")));
        }
        return list;
    }

    private static Dims2 dims(JsonNode n) {
        return new Dims2(n.get(0).asInt(), n.get(1).asInt());
    }

    private static List<ArrayResult> runAll(Case c, Datatype d) {
        List<ArrayResult> results = new ArrayList<>();
        for (Dataflow df : Dataflow.values()) {
            ArraySpec arr = new ArraySpec(8, 8, df);
            results.add(SystolicArray.run(c.node(), c.x(), c.w(), c.b(), arr, d, TimingConvention.sasim(),
                    Engine.FAST, 2));
            if (c.node().macs() <= 300_000) {
                results.add(SystolicArray.run(c.node(), c.x(), c.w(), c.b(), arr, d, TimingConvention.sasim(),
                        Engine.CYCLE, 1));
            }
        }
        return results;
    }

    @Test
    void int8CasesAreBitExact() throws IOException {
        int n = 0;
        for (Case c : cases()) {
            if (!c.int8()) {
                continue;
            }
            for (ArrayResult r : runAll(c, Datatype.INT8)) {
                IntTensor y = (IntTensor) r.output().orElseThrow();
                assertEquals(c.out().shape(), y.shape(), c.name());
                assertTrue(java.util.Arrays.equals(((IntTensor) c.out()).data(), y.data()), c.name());
            }
            n++;
        }
        assertEquals(9, n, "int8 conv/linear cases in index.json");
    }

    @Test
    void fp32CasesWithinTolerance() throws IOException {
        int n = 0;
        for (Case c : cases()) {
            if (c.int8()) {
                continue;
            }
            float[] ref = ((FloatTensor) c.out()).data();
            double tol = 1e-4 * Math.max(1, maxAbs(ref));
            for (ArrayResult r : runAll(c, Datatype.FP32)) {
                float[] y = ((FloatTensor) r.output().orElseThrow()).data();
                assertEquals(ref.length, y.length, c.name());
                for (int i = 0; i < y.length; i++) {
                    assertTrue(Math.abs(y[i] - ref[i]) <= tol, c.name() + " element " + i + ": " + y[i] + " vs "
                            + ref[i]);
                }
            }
            n++;
        }
        assertEquals(17, n, "fp32 conv/linear cases in index.json");
    }

    @Test
    void bf16CasesWithinDocumentedBound() throws IOException {
        for (Case c : cases()) {
            if (c.int8()) {
                continue;
            }
            float[] ref = ((FloatTensor) c.out()).data();
            double[] absSum = absProductSums(c);
            int k = LayerOperands.of(c.node(), c.x(), c.w(), Datatype.FP32).gemm().k();
            double rel = Math.pow(2, -7) + Math.pow(2, -16) + k * Math.pow(2, -24);
            double tol = 1e-4 * Math.max(1, maxAbs(ref));
            double worstShare = 0;
            for (ArrayResult r : runAll(c, Datatype.BF16)) {
                float[] y = ((FloatTensor) r.output().orElseThrow()).data();
                for (int i = 0; i < y.length; i++) {
                    double bound = rel * absSum[i] + tol;
                    double err = Math.abs(y[i] - ref[i]);
                    assertTrue(err <= bound, c.name() + " element " + i + ": error " + err + " > bound " + bound);
                    worstShare = Math.max(worstShare, err / bound);
                }
            }
            assertTrue(worstShare > 0, c.name() + ": bf16 should differ from fp32 somewhere");
        }
    }

    /**
     * Per output element, an upper bound on sum over k of |a*b|: the fp32 GEMM of the absolute operands (all terms
     * positive, so its relative error is at most K * 2^-24), inflated by 1 + K * 2^-23; in the output layout.
     */
    private static double[] absProductSums(Case c) {
        GemmOperands op = LayerOperands.of(c.node(), c.x(), c.w(), Datatype.FP32);
        int[] a = op.a().clone();
        int[] b = op.b().clone();
        for (int[] arr : new int[][] {a, b}) {
            for (int i = 0; i < arr.length; i++) {
                arr[i] &= 0x7FFF_FFFF;
            }
        }
        var g = op.gemm();
        int[] words = new FastGemm(2).multiply(new GemmOperands(g, Datatype.FP32, a, b),
                new ArraySpec(8, 8, Dataflow.OUTPUT_STATIONARY));
        int[] laid = LayerOperands.toOutputLayout(c.node(), g, words);
        double inflate = 1 + g.k() * Math.pow(2, -23);
        double[] s = new double[laid.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = Float.intBitsToFloat(laid[i]) * inflate;
        }
        return s;
    }

    private static double maxAbs(float[] v) {
        double m = 0;
        for (float f : v) {
            m = Math.max(m, Math.abs(f));
        }
        return m;
    }
}
