package org.sasim.models.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.sasim.models.ReferenceData;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.Npy;
import org.sasim.models.weights.NpyWeights;
import org.sasim.models.weights.Weights;

/**
 * Rebuilds {@code torch/mini_alexnet} from its {@code model.yaml}, loads its weights through {@link NpyWeights},
 * runs it on the reference engine and compares the logits and every layer's activation with PyTorch.
 */
class MiniAlexnetTest {
    private static final Path DIR = ReferenceData.miniAlexnet();
    private static JsonNode model;
    private static Network network;

    @BeforeAll
    static void build() throws IOException {
        model = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("model.yaml").toFile());
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : model.get("layers")) {
            layers.add(layer(l));
        }
        network = Network.of(model.get("model").asText(), shape(model.get("input").get("shape")), layers);
    }

    @Test
    void shapesParamsAndMacsMatchTheDescription() {
        for (JsonNode l : model.get("layers")) {
            assertEquals(shape(l.get("out_shape")), network.node(l.get("name").asText()).outputShape(),
                    l.get("name").asText());
        }
        assertEquals(model.get("params").asLong(), network.params());
        assertEquals(model.get("total_macs").asLong(), network.macs());
    }

    @Test
    void logitsAndEveryActivationMatchPyTorch() throws IOException {
        Weights weights = NpyWeights.load(network, DIR.resolve("weights"));
        ReferenceRun run = ReferenceEngine.run(network, weights, Npy.readFloat(DIR.resolve("input.npy")));
        TorchVectorsTest.assertClose(Npy.readFloat(DIR.resolve(model.get("output").get("file").asText())),
                run.output());
        int compared = 0;
        for (JsonNode l : model.get("layers")) {
            String name = l.get("name").asText();
            try {
                TorchVectorsTest.assertClose(Npy.readFloat(DIR.resolve(l.get("activation").asText())),
                        run.activation(name));
            } catch (AssertionError e) {
                throw new AssertionError("layer '" + name + "': " + e.getMessage(), e);
            }
            compared++;
        }
        assertEquals(network.nodes().size(), compared);
    }

    @Test
    void outputOnlyRetentionGivesTheSameOutput() throws IOException {
        Weights weights = NpyWeights.load(network, DIR.resolve("weights"));
        var input = Npy.readFloat(DIR.resolve("input.npy"));
        ReferenceRun all = ReferenceEngine.run(network, weights, input);
        ReferenceRun last = ReferenceEngine.run(network, weights, input, ReferenceEngine.Retention.OUTPUT_ONLY);
        assertEquals(all.output(), last.output());
        assertEquals(List.of("fc8"), List.copyOf(last.activations().keySet()));
    }

    private static Layer layer(JsonNode l) {
        String name = l.get("name").asText();
        List<String> inputs = new ArrayList<>();
        l.get("inputs").forEach(i -> inputs.add(i.asText()));
        String in = inputs.get(0);
        String type = l.get("type").asText();
        return switch (type) {
            case "conv2d" -> new Conv2d(name, in, l.get("in_channels").asInt(), l.get("out_channels").asInt(),
                    dims(l.get("kernel")), dims(l.get("stride")), dims(l.get("padding")), dims(l.get("dilation")),
                    l.get("groups").asInt(), l.get("bias").asBoolean());
            case "linear" -> new Linear(name, in, l.get("in_features").asInt(), l.get("out_features").asInt(),
                    l.get("bias").asBoolean());
            case "relu" -> new Relu(name, in);
            case "maxpool2d" -> new MaxPool2d(name, in, dims(l.get("kernel")), dims(l.get("stride")),
                    dims(l.get("padding")), l.get("ceil_mode").asBoolean());
            case "avgpool2d" -> new AvgPool2d(name, in, dims(l.get("kernel")), dims(l.get("stride")),
                    dims(l.get("padding")), l.get("ceil_mode").asBoolean(), l.get("count_include_pad").asBoolean());
            case "batchnorm2d" -> new BatchNorm2d(name, in, l.get("num_features").asInt(), l.get("eps").asDouble());
            case "flatten" -> new Flatten(name, in);
            case "dropout" -> new Dropout(name, in, l.get("p").asDouble());
            default -> throw new AssertionError("model.yaml layer '" + name + "' has unknown type '" + type + "'");
        };
    }

    private static Dims2 dims(JsonNode pair) {
        return new Dims2(pair.get(0).asInt(), pair.get(1).asInt());
    }

    private static Shape shape(JsonNode dims) {
        int[] d = new int[dims.size()];
        for (int i = 0; i < d.length; i++) {
            d[i] = dims.get(i).asInt();
        }
        return Shape.of(d);
    }
}
