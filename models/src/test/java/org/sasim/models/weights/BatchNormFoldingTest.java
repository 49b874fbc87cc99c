package org.sasim.models.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;

/** A batch norm folded into its conv computes the same function. */
class BatchNormFoldingTest {
    private static final Network NET = Network.of("fold", Shape.nchw(2, 3, 9, 9), List.of(
            Conv2d.square("conv", "input", 3, 5, 3, 2, 1, false),
            new BatchNorm2d("bn", "conv", 5, 1e-5),
            Conv2d.square("conv2", "bn", 5, 5, 1, 1, 0, true),
            new BatchNorm2d("bn2", "conv2", 5, 1e-5),
            new Relu("relu", "conv2"),
            new Add("add", List.of("bn2", "relu"))));

    @Test
    void onlyABatchNormWhoseConvHasNoOtherReaderIsFoldable() {
        assertEquals(Map.of("bn", "conv"), BatchNormFolding.foldablePairs(NET)); // conv2 is also read by relu
    }

    @Test
    void theFoldedConvEqualsConvThenBatchNorm() {
        Weights w = SeededWeights.generate(NET, 3);
        FloatTensor x = SeededInput.generate(NET, 3);
        BatchNorm2d bn = (BatchNorm2d) NET.node("bn").layer();
        Conv2d conv = (Conv2d) NET.node("conv").layer();
        FloatTensor y = ReferenceEngine.evaluate(conv, List.of(x), w.get("conv"));
        FloatTensor want = ReferenceEngine.evaluate(bn, List.of(y), w.get("bn"));
        DenseParams folded = BatchNormFolding.fold((DenseParams) w.get("conv"), (BatchNormParams) w.get("bn"),
                bn.eps());
        Conv2d withBias = new Conv2d(conv.name(), conv.input(), conv.inChannels(), conv.outChannels(),
                conv.kernel(), conv.stride(), conv.padding(), conv.dilation(), conv.groups(), true);
        FloatTensor got = ReferenceEngine.evaluate(withBias, List.of(x), folded);
        // Folding reassociates: (sum w*x - mean) * a + beta vs sum (w*a)*x + ((0 - mean)*a + beta), with w*a and
        // the bias rounded to fp32 once each: a relative error of a few fp32 ulps of the largest term.
        double max = 0;
        for (float v : want.data()) {
            max = Math.max(max, Math.abs(v));
        }
        for (int i = 0; i < want.data().length; i++) {
            assertTrue(Math.abs(want.data()[i] - got.data()[i]) <= 1e-5 * max, "element " + i);
        }
    }
}
