package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;

class AllConvolutionalTest {
    @Test
    void stridedConvVariantAddsExactlyTheNewConvsParamsAndMacs() {
        for (String model : PoolingVsStridedStudy.MODELS) {
            List<Network> v = PoolingVsStridedStudy.variants(model);
            Network base = v.get(0);
            Network allConv = v.get(1);
            long addedParams = 0;
            long addedMacs = 0;
            for (Node n : base.nodes()) {
                if (n.layer() instanceof MaxPool2d) {
                    long c = n.outputShape().channels();
                    addedParams += 9 * c * c + c;
                    // Same output shape as the pool: MACs = outputs x 9 taps x C inputs.
                    addedMacs += n.outputShape().elements() * 9 * c;
                    assertTrue(allConv.node(n.name()).layer() instanceof Conv2d);
                    assertEquals(n.outputShape(), allConv.node(n.name()).outputShape());
                }
            }
            assertEquals(addedParams, allConv.params() - base.params(), model);
            assertEquals(addedMacs, allConv.macs() - base.macs(), model);
            assertEquals(base.outputShape(), allConv.outputShape());
        }
        // AlexNet: pools over 64, 192 and 256 channels.
        List<Network> alex = PoolingVsStridedStudy.variants("alexnet");
        assertEquals(9L * (64 * 64 + 192 * 192 + 256 * 256) + 64 + 192 + 256,
                alex.get(1).params() - alex.get(0).params());
    }

    @Test
    void strideInNextConvKeepsEveryConvOutputShapeAndRemovesFollowedPools() {
        for (String model : PoolingVsStridedStudy.MODELS) {
            List<Network> v = PoolingVsStridedStudy.variants(model);
            Network base = v.get(0);
            Network moved = v.get(2);
            long pools = base.nodes().stream().filter(n -> n.layer() instanceof MaxPool2d).count();
            long left = moved.nodes().stream().filter(n -> n.layer() instanceof MaxPool2d).count();
            assertEquals(0, left);
            for (Node n : base.nodes()) {
                if (n.layer() instanceof Conv2d) {
                    assertEquals(n.outputShape(), moved.node(n.name()).outputShape(), n.name());
                }
            }
            // Only the last pool (no conv after it) turns into a conv; the others disappear.
            assertEquals(base.nodes().size() - (pools - 1), moved.nodes().size());
            // Every conv keeps its output shape, so the only MAC change is the conv that replaced the last pool.
            Node lastPool = base.nodes().stream().filter(n -> n.layer() instanceof MaxPool2d)
                    .reduce((a, b) -> b).orElseThrow();
            long c = lastPool.outputShape().channels();
            assertEquals(lastPool.outputShape().elements() * 9 * c, moved.macs() - base.macs());
            assertEquals(9 * c * c + c, moved.params() - base.params());
            assertEquals(base.outputShape(), moved.outputShape());
        }
    }
}
