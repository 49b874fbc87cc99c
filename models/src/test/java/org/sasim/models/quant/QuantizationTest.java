package org.sasim.models.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Softmax;

/** Which calibration range sets each tensor's scale. */
class QuantizationTest {
    private static final Network NET = Network.of("q", Shape.nchw(1, 2, 8, 8), List.of(
            Conv2d.square("conv", "input", 2, 4, 3, 1, 1, false),
            new BatchNorm2d("bn", "conv", 4, 1e-5),
            new Relu("relu", "bn"),
            new MaxPool2d("pool", "relu", org.sasim.models.graph.Dims2.square(2),
                    org.sasim.models.graph.Dims2.square(2), org.sasim.models.graph.Dims2.square(0), false),
            Conv2d.square("side", "pool", 4, 4, 1, 1, 0, true),
            new Add("add", List.of("pool", "side")),
            new Relu("relu2", "add"),
            new Add("add2", List.of("relu2", "side")),
            new Flatten("flat", "add2"),
            new Linear("fc", "flat", 64, 3, true),
            new Softmax("prob", "fc")));

    private static final Map<String, Double> RANGES = Map.ofEntries(Map.entry("conv", 10.0), Map.entry("bn", 6.0),
            Map.entry("relu", 4.0), Map.entry("pool", 4.0), Map.entry("side", 5.0), Map.entry("add", 8.0),
            Map.entry("relu2", 7.0), Map.entry("add2", 9.0), Map.entry("flat", 9.0), Map.entry("fc", 3.0),
            Map.entry("prob", 1.0));

    @Test
    void aConvLooksThroughItsFoldedBatchNormAndTheReluThatAloneReadsIt() {
        Quantization q = Quantization.fromRanges(NET, WeightGranularity.PER_CHANNEL, 2.54, RANGES);
        assertEquals(2.54 / 127, q.inputScale(), 1e-15);
        assertEquals(4.0 / 127, q.scale("conv"), 1e-15); // relu's range, through bn
        assertEquals(q.scale("conv"), q.scale("bn"));
        assertEquals(q.scale("conv"), q.scale("relu"));
        assertEquals(q.scale("conv"), q.scale("pool"));
        assertEquals(7.0 / 127, q.scale("add"), 1e-15); // its only reader is relu2
        assertEquals(3.0 / 127, q.scale("fc"), 1e-15);
        assertEquals(1.0 / 127, q.scale("prob"), 1e-15);
    }

    @Test
    void aTensorWithTwoReadersKeepsItsOwnRange() {
        Quantization q = Quantization.fromRanges(NET, WeightGranularity.PER_CHANNEL, 1, RANGES);
        assertEquals(5.0 / 127, q.scale("side"), 1e-15); // read by add and add2
        assertEquals(9.0 / 127, q.scale("add2"), 1e-15);
        assertEquals(q.scale("add2"), q.scale("flat"));
    }

    @Test
    void anAllZeroTensorGetsScaleOne() {
        Quantization q = Quantization.fromRanges(NET, WeightGranularity.PER_TENSOR, 0, RANGES);
        assertEquals(1.0, q.inputScale());
    }

    @Test
    void aMissingOrInfiniteRangeNamesTheLayer() {
        Map<String, Double> bad = new java.util.HashMap<>(RANGES);
        bad.put("fc", Double.POSITIVE_INFINITY);
        GraphException e = assertThrows(GraphException.class,
                () -> Quantization.fromRanges(NET, WeightGranularity.PER_TENSOR, 1, bad));
        assertEquals("fc", e.layer());
        bad.remove("fc");
        assertEquals("fc", assertThrows(GraphException.class,
                () -> Quantization.fromRanges(NET, WeightGranularity.PER_TENSOR, 1, bad)).layer());
    }
}
