package org.sasim.models.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.TestTensors;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Npy;

class NpyWeightsTest {
    @TempDir
    Path dir;

    /** conv (with bias) -> bn -> relu -> flatten -> linear (without bias). */
    static Network net() {
        List<Layer> layers = List.of(Conv2d.square("conv", "input", 3, 4, 3, 1, 1, true),
                new BatchNorm2d("bn", "conv", 4, 1e-5), new Relu("relu", "bn"), new Flatten("flat", "relu"),
                new Linear("fc", "flat", 4 * 5 * 5, 2, false));
        return Network.of("tiny", Shape.nchw(1, 3, 5, 5), layers);
    }

    static Map<String, LayerParams> params() {
        Map<String, LayerParams> p = new LinkedHashMap<>();
        p.put("conv", new DenseParams(TestTensors.uniform(Shape.of(4, 3, 3, 3), 1),
                TestTensors.uniform(Shape.of(4), 2)));
        p.put("bn", new BatchNormParams(TestTensors.uniform(Shape.of(4), 3), TestTensors.uniform(Shape.of(4), 4),
                TestTensors.uniform(Shape.of(4), 5), TestTensors.of(Shape.of(4), 1, 2, 3, 4)));
        p.put("fc", new DenseParams(TestTensors.uniform(Shape.of(2, 100), 6), null));
        return p;
    }

    @Test
    void savesAndLoadsInStateDictLayout() throws IOException {
        Weights w = Weights.of(net(), params());
        NpyWeights.save(w, dir);
        for (String f : List.of("conv.weight", "conv.bias", "bn.weight", "bn.bias", "bn.running_mean",
                "bn.running_var", "fc.weight")) {
            assertTrue(Files.isRegularFile(dir.resolve(f + ".npy")), f);
        }
        assertTrue(!Files.exists(dir.resolve("fc.bias.npy")));
        Weights back = NpyWeights.load(net(), dir);
        assertEquals(w.byLayer(), back.byLayer());
    }

    @Test
    void missingRequiredFileIsNamed() throws IOException {
        NpyWeights.save(Weights.of(net(), params()), dir);
        Files.delete(dir.resolve("bn.running_var.npy"));
        WeightsException e = assertThrows(WeightsException.class, () -> NpyWeights.load(net(), dir));
        assertTrue(e.getMessage().contains("'bn'") && e.getMessage().contains(
                dir.resolve("bn.running_var.npy").toString()), e.getMessage());
    }

    @Test
    void shapeMismatchNamesLayerFileExpectedAndActual() throws IOException {
        NpyWeights.save(Weights.of(net(), params()), dir);
        Npy.write(dir.resolve("conv.weight.npy"), TestTensors.uniform(Shape.of(4, 3, 5, 5), 9));
        WeightsException e = assertThrows(WeightsException.class, () -> NpyWeights.load(net(), dir));
        String m = e.getMessage();
        assertTrue(m.contains("'conv'") && m.contains("conv.weight.npy") && m.contains("4x3x5x5")
                && m.contains("4x3x3x3"), m);
    }

    @Test
    void wrongDtypeAndStrayBiasAreErrors() throws IOException {
        NpyWeights.save(Weights.of(net(), params()), dir);
        Npy.write(dir.resolve("fc.bias.npy"), TestTensors.uniform(Shape.of(2), 1));
        WeightsException stray = assertThrows(WeightsException.class, () -> NpyWeights.load(net(), dir));
        assertTrue(stray.getMessage().contains("fc.bias.npy"), stray.getMessage());
        Files.delete(dir.resolve("fc.bias.npy"));
        Npy.write(dir.resolve("conv.bias.npy"), new IntTensor(Shape.of(4), new int[4]));
        WeightsException dtype = assertThrows(WeightsException.class, () -> NpyWeights.load(net(), dir));
        assertTrue(dtype.getMessage().contains("conv.bias.npy") && dtype.getMessage().contains("<i4"),
                dtype.getMessage());
    }

    @Test
    void weightsOfChecksEveryLayer() {
        Map<String, LayerParams> p = new HashMap<>(params());
        p.remove("fc");
        assertTrue(assertThrows(WeightsException.class, () -> Weights.of(net(), p)).getMessage().contains("'fc'"));
        Map<String, LayerParams> extra = new HashMap<>(params());
        extra.put("relu", extra.get("fc"));
        assertTrue(assertThrows(WeightsException.class, () -> Weights.of(net(), extra)).getMessage()
                .contains("'relu'"));
        Map<String, LayerParams> unknown = new HashMap<>(params());
        unknown.put("ghost", extra.get("fc"));
        assertTrue(assertThrows(WeightsException.class, () -> Weights.of(net(), unknown)).getMessage()
                .contains("'ghost'"));
        Map<String, LayerParams> kind = new HashMap<>(params());
        kind.put("bn", kind.get("fc"));
        assertTrue(assertThrows(WeightsException.class, () -> Weights.of(net(), kind)).getMessage()
                .contains("'bn'"));
        Map<String, LayerParams> negative = new HashMap<>(params());
        negative.put("bn", new BatchNormParams(TestTensors.uniform(Shape.of(4), 3),
                TestTensors.uniform(Shape.of(4), 4), TestTensors.uniform(Shape.of(4), 5),
                TestTensors.of(Shape.of(4), 1, -2, 3, 4)));
        assertTrue(assertThrows(WeightsException.class, () -> Weights.of(net(), negative)).getMessage()
                .contains("running_var"));
    }
}
