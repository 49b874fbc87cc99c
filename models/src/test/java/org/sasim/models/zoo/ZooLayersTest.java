package org.sasim.models.zoo;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;

/**
 * Layer by layer, every zoo model at 1x3x224x224 matches torchvision's leaf-module calls (reference
 * {@code <model>.csv}); a module called k times is matched call by call through {@link ModelZoo#layerName}.
 */
class ZooLayersTest {

    static List<String> referenceModels() {
        return ZooReference.models().toList();
    }

    private static Node node(Network net, ZooReference.Row row) {
        return net.node(ModelZoo.layerName(row.name(), row.call()));
    }

    /** Asserts {@code expected(row) == actual(node)} for every row, reporting all mismatching layers. */
    private static void eachRow(String model, Function<ZooReference.Row, Object> expected,
                                Function<Node, Object> actual) {
        Network net = ModelZoo.build(model, 1, 224, 224);
        List<ZooReference.Row> rows = ZooReference.rows(model);
        assertTrue(rows.size() > 10, model + ".csv looks truncated: " + rows.size() + " rows");
        assertAll(rows.stream().map(row -> (Executable) () -> assertEquals(expected.apply(row),
                actual.apply(node(net, row)), model + " " + row.name() + " call " + row.call())));
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyModuleCallHasALayerOfTheSameKind(String model) {
        eachRow(model, row -> row.type().toLowerCase(Locale.ROOT), n -> n.layer().kind());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyLayerReadsTheInputShapeTorchvisionReads(String model) {
        eachRow(model, ZooReference.Row::inputShape, n -> n.inputShapes().get(0).toString());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyLayerProducesTheOutputShapeTorchvisionProduces(String model) {
        eachRow(model, ZooReference.Row::outputShape, n -> n.outputShape().toString());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyLayerHasTorchvisionsParams(String model) {
        // The CSV lists a reused module's parameters on call 0 only; sasim's repeated calls are parameter-free
        // ReLUs, so the two agree call by call.
        eachRow(model, ZooReference.Row::params, Node::params);
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyLayerHasTorchvisionsBatchNormBuffers(String model) {
        eachRow(model, ZooReference.Row::bnBuffers, n -> n.layer().buffers());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyLayerHasTorchvisionsMacs(String model) {
        eachRow(model, ZooReference.Row::macs, Node::macs);
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void everyConvAndMaxPoolHasTorchvisionsWindow(String model) {
        // Shapes alone would not tell a 2x2/2 pool from a 3x3/2 pad-1 one.
        Network net = ModelZoo.build(model, 1, 224, 224);
        List<ZooReference.Row> windowed = ZooReference.rows(model).stream()
                .filter(r -> r.type().equals("Conv2d") || r.type().equals("MaxPool2d")).toList();
        assertTrue(windowed.size() >= 5, model + ": too few convs and pools in the CSV");

        assertAll(windowed.stream().map(row -> (Executable) () -> assertEquals(row.window(),
                window(node(net, row).layer()), model + " " + row.name())));
    }

    /** kernel/stride/padding/dilation/groups/ceil_mode in the reference CSV's spelling. */
    private static String window(Layer layer) {
        if (layer instanceof Conv2d c) {
            return String.join("/", c.kernel().toString(), c.stride().toString(), c.padding().toString(),
                    c.dilation().toString(), String.valueOf(c.groups()), "");
        }
        if (layer instanceof MaxPool2d p) {
            // sasim pools have no dilation: PyTorch's default 1x1.
            return String.join("/", p.kernel().toString(), p.stride().toString(), p.padding().toString(), "1x1", "",
                    p.ceilMode() ? "True" : "False");
        }
        return "not a conv or max-pool: " + layer.kind();
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void onlyFlattenAndResidualAddsHaveNoModuleCall(String model) {
        Set<String> called = ZooReference.rows(model).stream()
                .map(r -> ModelZoo.layerName(r.name(), r.call())).collect(Collectors.toSet());

        Set<String> extraKinds = ModelZoo.build(model, 1, 224, 224).nodes().stream()
                .filter(n -> !called.contains(n.name())).map(n -> n.layer().kind()).collect(Collectors.toSet());

        assertTrue(Set.of("flatten", "add").containsAll(extraKinds), "unexpected extra layer kinds " + extraKinds);
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void layersRunInTorchvisionsCallOrder(String model) {
        List<String> reference = ZooReference.rows(model).stream()
                .map(r -> ModelZoo.layerName(r.name(), r.call())).toList();
        Set<String> called = Set.copyOf(reference);

        List<String> sasim = ModelZoo.build(model, 1, 224, 224).nodes().stream()
                .map(Node::name).filter(called::contains).toList();

        assertEquals(reference, sasim);
    }
}
