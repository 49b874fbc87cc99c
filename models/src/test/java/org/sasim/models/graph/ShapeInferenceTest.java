package org.sasim.models.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Output shapes, parameters and MACs of single layers, against PyTorch's rules worked out by hand. */
class ShapeInferenceTest {

    private static Node only(Shape input, Layer layer) {
        return Network.of("one", input, List.of(layer)).output();
    }

    private static Conv2d conv(int in, int out, int k, int s, int p, int d, int groups) {
        return new Conv2d("conv", Layer.NETWORK_INPUT, in, out, Dims2.square(k), Dims2.square(s), Dims2.square(p),
                Dims2.square(d), groups, true);
    }

    private static MaxPool2d maxPool(int k, int s, int p, boolean ceil) {
        return new MaxPool2d("pool", Layer.NETWORK_INPUT, Dims2.square(k), Dims2.square(s), Dims2.square(p), ceil);
    }

    @Test
    void stridedPaddedConvFollowsTheFloorFormula() {
        // ResNet stem: floor((224 + 2*3 - 7) / 2) + 1 = 112.
        Node n = only(Shape.nchw(1, 3, 224, 224), conv(3, 64, 7, 2, 3, 1, 1));

        assertEquals(Shape.nchw(1, 64, 112, 112), n.outputShape());
    }

    @Test
    void dilationWidensTheKernelToDTimesKMinusOnePlusOne() {
        // k=3, d=2 spans 5 pixels: 32 - 5 + 1 = 28 without padding, 32 with padding 2.
        assertEquals(Shape.nchw(1, 8, 28, 28), only(Shape.nchw(1, 8, 32, 32), conv(8, 8, 3, 1, 0, 2, 1)).outputShape());
        assertEquals(Shape.nchw(1, 8, 32, 32), only(Shape.nchw(1, 8, 32, 32), conv(8, 8, 3, 1, 2, 2, 1)).outputShape());
    }

    @Test
    void groupedConvSeesOnlyItsGroupsInputChannels() {
        // 32 -> 64 in 4 groups: each output channel reads 8 input channels.
        Node n = only(Shape.nchw(1, 32, 10, 10), conv(32, 64, 3, 1, 1, 1, 4));

        assertEquals(Shape.of(64, 8, 3, 3), ((Conv2d) n.layer()).weightShape());
        assertEquals(64L * 8 * 9 + 64, n.params());
        assertEquals(64L * 10 * 10 * 8 * 9, n.macs());
    }

    @Test
    void depthwiseConvCostsOneKernelPerOutputPixel() {
        Node n = only(Shape.nchw(1, 16, 8, 8), conv(16, 16, 3, 1, 1, 1, 16));

        assertEquals(16L * 9 + 16, n.params());
        assertEquals(16L * 8 * 8 * 9, n.macs());
    }

    @Test
    void groupsThatDoNotDivideTheChannelsAreRejected() {
        GraphException e = assertThrows(GraphException.class, () -> conv(30, 64, 3, 1, 1, 1, 4));

        assertTrue(e.getMessage().contains("groups 4 must divide"), e.getMessage());
    }

    @Test
    void kernelLargerThanThePaddedInputIsRejectedNamingTheLayer() {
        GraphException e = assertThrows(GraphException.class,
                () -> only(Shape.nchw(1, 3, 4, 4), conv(3, 8, 7, 1, 1, 1, 1)));

        assertEquals("conv", e.layer());
        assertTrue(e.getMessage().contains("does not fit input 4x4"), e.getMessage());
    }

    @Test
    void ceilModeKeepsThePartialLastWindow() {
        // 112 with 3x3/2: (112 - 3) / 2 = 54.5 -> floor 55 outputs, ceil 56 (GoogLeNet's pools).
        assertEquals(55, only(Shape.nchw(1, 64, 112, 112), maxPool(3, 2, 0, false)).outputShape().height());
        assertEquals(56, only(Shape.nchw(1, 64, 112, 112), maxPool(3, 2, 0, true)).outputShape().height());
    }

    @Test
    void ceilModeDropsAWindowThatWouldStartInTheRightPadding() {
        // 5 with 2x2/2, padding 1: ceil((5 + 2 - 2) / 2) + 1 = 4, but window 3 would start at padded index 6,
        // past input + left padding (6), so PyTorch keeps 3.
        assertEquals(3, only(Shape.nchw(1, 1, 5, 5), maxPool(2, 2, 1, true)).outputShape().height());
        assertEquals(3, WindowArithmetic.outputExtent(5, 2, 2, 1, 1, true));
    }

    @Test
    void ceilModeEqualsFloorModeWhenTheWindowsTileExactly() {
        // 13 with 3x3/2: (13 - 3) / 2 = 5 exactly.
        assertEquals(6, WindowArithmetic.outputExtent(13, 3, 2, 0, 1, false));
        assertEquals(6, WindowArithmetic.outputExtent(13, 3, 2, 0, 1, true));
    }

    @Test
    void poolPaddingAboveHalfTheKernelIsRejected() {
        GraphException e = assertThrows(GraphException.class, () -> maxPool(3, 2, 2, false));

        assertTrue(e.getMessage().contains("half the kernel"), e.getMessage());
    }

    @Test
    void adaptiveAvgPoolOutputsTheRequestedSizeWhateverTheInput() {
        Layer pool = new AdaptiveAvgPool2d("avgpool", Layer.NETWORK_INPUT, new Dims2(7, 7));

        assertEquals(Shape.nchw(2, 512, 7, 7), only(Shape.nchw(2, 512, 1, 1), pool).outputShape());
        assertEquals(Shape.nchw(2, 512, 7, 7), only(Shape.nchw(2, 512, 13, 9), pool).outputShape());
    }

    @Test
    void linearAfterFlattenCountsOneMacPerWeightPerSample() {
        Network net = Network.of("fc", Shape.nchw(3, 4, 2, 2), List.of(
                new Flatten("flatten", Layer.NETWORK_INPUT),
                new Linear("fc", "flatten", 16, 10, true)));

        assertEquals(Shape.of(3, 16), net.node("flatten").outputShape());
        assertEquals(Shape.of(3, 10), net.outputShape());
        assertEquals(16L * 10 + 10, net.params());
        assertEquals(3L * 16 * 10, net.macs());
    }

    @Test
    void linearOnAnUnflattenedInputAsksForAFlatten() {
        GraphException e = assertThrows(GraphException.class,
                () -> only(Shape.nchw(1, 4, 2, 2), new Linear("fc", Layer.NETWORK_INPUT, 16, 10, true)));

        assertTrue(e.getMessage().contains("add a flatten layer"), e.getMessage());
    }
}
