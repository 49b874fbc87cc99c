package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Softmax;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Npy;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.simulator.arch.VectorUnitSpec;

/** The vector unit reproduces every non-GEMM case of {@code ../shared/reference/torch/vectors}. */
class VectorUnitTorchVectorsTest {
    private static final Path DIR = Path.of(System.getProperty("sasim.root", ".."), "..", "shared", "reference",
            "torch", "vectors");

    private static Dims2 dims(JsonNode a) {
        return new Dims2(a.get(0).asInt(), a.get(1).asInt());
    }

    @Test
    void everyVectorCaseMatchesPyTorchWithinTolerance() throws IOException {
        JsonNode cases = new ObjectMapper().readTree(DIR.resolve("index.json").toFile()).get("cases");
        VectorUnit unit = new VectorUnit(new VectorUnitSpec(16));
        int checked = 0;
        for (JsonNode c : cases) {
            String op = c.get("op").asText();
            JsonNode p = c.get("params");
            JsonNode ins = c.get("inputs");
            if (!List.of("pool2d", "relu", "softmax", "flatten", "lrn", "add", "batchnorm2d").contains(op)) {
                continue;
            }
            FloatTensor x = Npy.readFloat(DIR.resolve(ins.get(ins.has("x") ? "x" : "a").get("file").asText()));
            List<FloatTensor> inputs = new ArrayList<>(List.of(x));
            Layer layer;
            BatchNormParams bn = null;
            String in = Layer.NETWORK_INPUT;
            switch (op) {
                case "pool2d" -> {
                    String kind = p.get("pool").asText();
                    layer = switch (kind) {
                        case "max" -> new MaxPool2d("l", in, dims(p.get("kernel")), dims(p.get("stride")),
                                dims(p.get("padding")), p.get("ceil_mode").asBoolean());
                        case "avg" -> new AvgPool2d("l", in, dims(p.get("kernel")), dims(p.get("stride")),
                                dims(p.get("padding")), p.get("ceil_mode").asBoolean(),
                                p.get("count_include_pad").asBoolean());
                        case "global_avg" -> new GlobalAvgPool("l", in);
                        default -> new AdaptiveAvgPool2d("l", in, dims(p.get("output_size")));
                    };
                }
                case "relu" -> layer = new Relu("l", in);
                case "softmax" -> layer = new Softmax("l", in);
                case "flatten" -> layer = new Flatten("l", in);
                case "lrn" -> layer = new Lrn("l", in, p.get("size").asInt(), p.get("alpha").asDouble(),
                        p.get("beta").asDouble(), p.get("k").asDouble());
                case "add" -> {
                    FloatTensor b = Npy.readFloat(DIR.resolve(ins.get("b").get("file").asText()));
                    inputs.add(b);
                    layer = null;
                }
                case "batchnorm2d" -> {
                    layer = new BatchNorm2d("l", in, x.shape().channels(), p.get("eps").asDouble());
                    bn = new BatchNormParams(read(ins, "gamma"), read(ins, "beta"), read(ins, "running_mean"),
                            read(ins, "running_var"));
                }
                default -> throw new AssertionError(op);
            }
            Network net;
            if (layer == null) {
                net = Network.of("v", x.shape(), List.of(new Relu("a", in), new Relu("b", in),
                        new Add("l", List.of("a", "b"))));
            } else {
                net = Network.of("v", x.shape(), List.of(layer));
            }
            FloatTensor got = unit.execute(net.node("l"), inputs, bn);
            FloatTensor want = Npy.readFloat(DIR.resolve(c.get("output").get("file").asText()));
            assertEquals(want.shape(), got.shape(), c.get("name").asText());
            assertClose(want, got, c.get("name").asText());
            checked++;
        }
        assertEquals(9 + 1 + 1 + 1 + 2 + 1 + 1, checked); // pools, relu, add, bn, softmax x2, flatten, lrn
    }

    private static FloatTensor read(JsonNode ins, String key) throws IOException {
        return Npy.readFloat(DIR.resolve(ins.get(key).get("file").asText()));
    }

    static void assertClose(FloatTensor want, FloatTensor got, String label) {
        double max = 0;
        for (float v : want.data()) {
            max = Math.max(max, Math.abs(v));
        }
        double tol = 1e-4 * Math.max(1, max);
        for (int i = 0; i < want.data().length; i++) {
            double d = Math.abs(want.data()[i] - got.data()[i]);
            int idx = i;
            assertTrue(d <= tol, () -> label + " at " + idx + ": " + want.data()[idx] + " vs " + got.data()[idx]);
        }
    }
}
