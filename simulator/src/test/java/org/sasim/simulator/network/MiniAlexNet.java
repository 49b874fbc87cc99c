package org.sasim.simulator.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

/** Builds the {@code ../shared/reference/torch/mini_alexnet} network from its {@code model.yaml}. */
final class MiniAlexNet {
    static final Path DIR = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference", "torch",
            "mini_alexnet");

    private MiniAlexNet() {
    }

    static Network network() throws IOException {
        JsonNode yaml = new ObjectMapper(new YAMLFactory()).readTree(DIR.resolve("model.yaml").toFile());
        List<Layer> layers = new ArrayList<>();
        for (JsonNode l : yaml.get("layers")) {
            String name = l.get("name").asText();
            String in = l.get("inputs").get(0).asText();
            layers.add(switch (l.get("type").asText()) {
                case "conv2d" -> new Conv2d(name, in, l.get("in_channels").asInt(), l.get("out_channels").asInt(),
                        dims(l.get("kernel")), dims(l.get("stride")), dims(l.get("padding")), dims(l.get("dilation")),
                        l.get("groups").asInt(), l.get("bias").asBoolean());
                case "relu" -> new Relu(name, in);
                case "maxpool2d" -> new MaxPool2d(name, in, dims(l.get("kernel")), dims(l.get("stride")),
                        dims(l.get("padding")), l.get("ceil_mode").asBoolean());
                case "flatten" -> new Flatten(name, in);
                case "dropout" -> new Dropout(name, in, l.get("p").asDouble());
                case "linear" -> new Linear(name, in, l.get("in_features").asInt(), l.get("out_features").asInt(),
                        l.get("bias").asBoolean());
                default -> throw new IllegalArgumentException("unknown layer type in model.yaml: " + l.get("type"));
            });
        }
        JsonNode shape = yaml.get("input").get("shape");
        return Network.of("mini_alexnet", Shape.nchw(shape.get(0).asInt(), shape.get(1).asInt(),
                shape.get(2).asInt(), shape.get(3).asInt()), layers);
    }

    private static Dims2 dims(JsonNode a) {
        return new Dims2(a.get(0).asInt(), a.get(1).asInt());
    }
}
