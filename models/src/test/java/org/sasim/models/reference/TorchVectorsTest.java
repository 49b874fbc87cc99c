package org.sasim.models.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.sasim.models.ReferenceData;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Softmax;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.tensor.Tensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.DenseParams;

/**
 * Every single-layer case of {@code torch/vectors/index.json}, discovered from the index: float cases within
 * {@code 1e-4 * max(1, max|expected|)}, int8 cases bit-exact. An op the test does not know fails rather than being
 * skipped, so new reference cases cannot go unchecked.
 */
class TorchVectorsTest {
    private static final Path DIR = ReferenceData.vectors();

    static Stream<Arguments> cases() throws IOException {
        JsonNode index = new ObjectMapper().readTree(DIR.resolve("index.json").toFile());
        List<Arguments> out = new ArrayList<>();
        for (JsonNode c : index.get("cases")) {
            out.add(Arguments.of(Named.of(c.get("name").asText(), c)));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesPyTorch(JsonNode c) throws IOException {
        String op = c.get("op").asText();
        JsonNode p = c.get("params");
        Tensor expected = Npy.read(DIR.resolve(c.get("output").get("file").asText()));
        switch (op) {
            case "conv2d_int8", "linear_int8" -> {
                Layer layer = op.equals("conv2d_int8") ? conv(c, p) : linear(c, p);
                IntTensor bias = c.get("inputs").has("b") ? (IntTensor) input(c, "b") : null;
                IntTensor got = ReferenceEngine.evaluateInt8(layer, (ByteTensor) input(c, "x"),
                        (ByteTensor) input(c, "w"), bias);
                assertEquals(expected, got, "int8 case must be bit-exact");
            }
            default -> {
                Layer layer;
                // Every float op reads one input "x" except add, which reads "a" and "b".
                List<FloatTensor> inputs = op.equals("add") ? List.of(floatInput(c, "a"), floatInput(c, "b"))
                        : List.of(floatInput(c, "x"));
                Object params = null;
                switch (op) {
                    case "conv2d" -> {
                        layer = conv(c, p);
                        params = dense(c);
                    }
                    case "linear" -> {
                        layer = linear(c, p);
                        params = dense(c);
                    }
                    case "pool2d" -> layer = pool(p);
                    case "relu" -> layer = new Relu("relu", "input");
                    case "add" -> layer = new Add("add", List.of("a", "b"));
                    case "batchnorm2d" -> {
                        assertTrue(!p.get("training").asBoolean(), "only eval-mode batch norm is defined");
                        int features = floatInput(c, "gamma").shape().dim(0);
                        layer = new BatchNorm2d("bn", "input", features, p.get("eps").asDouble());
                        params = new BatchNormParams(floatInput(c, "gamma"), floatInput(c, "beta"),
                                floatInput(c, "running_mean"), floatInput(c, "running_var"));
                    }
                    case "softmax" -> {
                        assertEquals(1, p.get("dim").asInt(), "sasim's softmax is over dimension 1");
                        layer = new Softmax("softmax", "input");
                    }
                    case "flatten" -> {
                        assertEquals(1, p.get("start_dim").asInt(), "sasim's flatten starts at dimension 1");
                        layer = new Flatten("flatten", "input");
                    }
                    case "lrn" -> layer = new Lrn("lrn", "input", p.get("size").asInt(), p.get("alpha").asDouble(),
                            p.get("beta").asDouble(), p.get("k").asDouble());
                    default -> {
                        fail("unknown op '" + op + "' in index.json case " + c.get("name").asText());
                        return;
                    }
                }
                FloatTensor got = ReferenceEngine.evaluate(layer, inputs,
                        (org.sasim.models.weights.LayerParams) params);
                assertClose((FloatTensor) expected, got);
            }
        }
    }

    /** Asserts equal shapes and |got - expected| <= 1e-4 * max(1, max|expected|) everywhere. */
    static void assertClose(FloatTensor expected, FloatTensor got) {
        assertEquals(expected.shape(), got.shape());
        double maxAbs = 0;
        for (float v : expected.data()) {
            maxAbs = Math.max(maxAbs, Math.abs(v));
        }
        double tol = 1e-4 * Math.max(1, maxAbs);
        double worst = 0;
        int worstAt = -1;
        for (int i = 0; i < got.data().length; i++) {
            double d = Math.abs((double) got.data()[i] - expected.data()[i]);
            if (!(d <= worst)) { // also catches NaN
                worst = d;
                worstAt = i;
            }
        }
        assertTrue(worst <= tol, "max |diff| " + worst + " at flat index " + worstAt + " exceeds " + tol);
    }

    private static Conv2d conv(JsonNode c, JsonNode p) throws IOException {
        Tensor x = input(c, "x");
        Tensor w = input(c, "w");
        return new Conv2d("conv", "input", x.shape().channels(), w.shape().dim(0), dims(p.get("kernel")),
                dims(p.get("stride")), dims(p.get("padding")), dims(p.get("dilation")), p.get("groups").asInt(),
                p.get("bias").asBoolean());
    }

    private static Linear linear(JsonNode c, JsonNode p) {
        return new Linear("linear", "input", p.get("in_features").asInt(), p.get("out_features").asInt(),
                p.get("bias").asBoolean());
    }

    private static Layer pool(JsonNode p) {
        String kind = p.get("pool").asText();
        return switch (kind) {
            case "max" -> new MaxPool2d("pool", "input", dims(p.get("kernel")), dims(p.get("stride")),
                    dims(p.get("padding")), p.get("ceil_mode").asBoolean());
            case "avg" -> new AvgPool2d("pool", "input", dims(p.get("kernel")), dims(p.get("stride")),
                    dims(p.get("padding")), p.get("ceil_mode").asBoolean(), p.get("count_include_pad").asBoolean());
            case "global_avg" -> new GlobalAvgPool("pool", "input");
            case "adaptive_avg" -> new AdaptiveAvgPool2d("pool", "input", dims(p.get("output_size")));
            default -> throw new AssertionError("unknown pool kind '" + kind + "'");
        };
    }

    private static DenseParams dense(JsonNode c) throws IOException {
        return new DenseParams(floatInput(c, "w"), c.get("inputs").has("b") ? floatInput(c, "b") : null);
    }

    private static Dims2 dims(JsonNode pair) {
        return new Dims2(pair.get(0).asInt(), pair.get(1).asInt());
    }

    private static Tensor input(JsonNode c, String name) throws IOException {
        return Npy.read(DIR.resolve(c.get("inputs").get(name).get("file").asText()));
    }

    private static FloatTensor floatInput(JsonNode c, String name) throws IOException {
        return Npy.readFloat(DIR.resolve(c.get("inputs").get(name).get("file").asText()));
    }
}
