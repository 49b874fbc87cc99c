package org.sasim.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.sasim.models.graph.Shape;

/** Every zoo model at 1x3x224x224 has exactly torchvision's totals (reference summary.json). */
class ZooSummaryTest {
    private static final JsonNode SUMMARY = ZooReference.summary();

    static List<String> referenceModels() {
        return ZooReference.models().toList();
    }

    private static ModelSummary sasim(String model) {
        return ModelSummary.of(ModelZoo.build(model, 1, 224, 224));
    }

    private static long reference(String model, String field) {
        JsonNode v = SUMMARY.path(model).path(field);
        if (!v.isIntegralNumber()) {
            throw new IllegalStateException("summary.json has no integer " + model + "." + field);
        }
        return v.longValue();
    }

    @Test
    void zooOffersExactlyTheReferenceModels() {
        Set<String> reference = ZooReference.models().collect(Collectors.toCollection(TreeSet::new));

        assertEquals(reference, new TreeSet<>(ModelZoo.names()));
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void paramsEqualTorchvision(String model) {
        assertEquals(reference(model, "params"), sasim(model).params());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void batchNormBuffersEqualTorchvision(String model) {
        assertEquals(reference(model, "bn_buffers"), sasim(model).buffers());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void convMacsEqualTorchvision(String model) {
        assertEquals(reference(model, "conv_macs"), sasim(model).convMacs());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void linearMacsEqualTorchvision(String model) {
        assertEquals(reference(model, "linear_macs"), sasim(model).linearMacs());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void totalMacsEqualTorchvision(String model) {
        assertEquals(reference(model, "macs"), sasim(model).macs());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void networkMacsAreConvPlusLinearMacs(String model) {
        // Network.macs() sums every layer; only conv and linear layers may contribute.
        assertEquals(reference(model, "macs"), ModelZoo.build(model, 1, 224, 224).macs());
    }

    @ParameterizedTest
    @MethodSource("referenceModels")
    void outputShapeEqualsTorchvision(String model) {
        List<Integer> dims = new ArrayList<>();
        SUMMARY.path(model).path("output_shape").forEach(d -> dims.add(d.intValue()));

        assertEquals(Shape.of(dims.stream().mapToInt(Integer::intValue).toArray()), sasim(model).output());
    }
}
