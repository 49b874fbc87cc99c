package org.sasim.models.zoo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;

/** Building zoo models by name, at other batches and resolutions. */
class ModelZooTest {

    static List<String> allModels() {
        return ModelZoo.names();
    }

    @Test
    void unknownNameListsTheValidNamesAndTheClosestOne() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("resnet5", 1, 224, 224));

        assertTrue(e.getMessage().contains("unknown model 'resnet5'"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'resnet50'?"), e.getMessage());
        assertTrue(e.getMessage().contains(String.join(", ", ModelZoo.names())), e.getMessage());
    }

    @Test
    void nameInTheWrongCaseSuggestsTheLowerCaseName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("VGG16", 1, 224, 224));

        assertTrue(e.getMessage().contains("did you mean 'vgg16'?"), e.getMessage());
    }

    @Test
    void farFetchedNameGetsNoSuggestion() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("transformer", 1, 224, 224));

        assertFalse(e.getMessage().contains("did you mean"), e.getMessage());
        assertTrue(e.getMessage().contains("valid models: alexnet,"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void nonPositiveBatchIsRejected(int batch) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ModelZoo.build("resnet18", batch, 224, 224));

        assertTrue(e.getMessage().contains("must be positive"), e.getMessage());
    }

    @ParameterizedTest
    @MethodSource("allModels")
    void batchOfTwoDoublesTheMacsAndKeepsTheParams(String model) {
        Network one = ModelZoo.build(model, 1, 224, 224);
        Network two = ModelZoo.build(model, 2, 224, 224);

        assertEquals(2 * one.macs(), two.macs());
        assertEquals(one.params(), two.params());
        assertEquals(Shape.of(2, ModelZoo.IMAGENET_CLASSES), two.outputShape());
    }

    @ParameterizedTest
    @MethodSource("allModels")
    void inputShapeIsBatchByRgbByHeightByWidth(String model) {
        assertEquals(Shape.nchw(4, 3, 160, 128), ModelZoo.build(model, 4, 160, 128).inputShape());
    }

    @ParameterizedTest
    @ValueSource(strings = {"vgg11", "vgg11_bn", "vgg13", "vgg16", "vgg19", "resnet18", "resnet34", "resnet50",
            "resnet101", "resnet152"})
    void vggAndResNetRunOnCifarSizedInputThanksToTheAdaptivePool(String model) {
        assertEquals(Shape.of(1, ModelZoo.IMAGENET_CLASSES), ModelZoo.build(model, 1, 32, 32).outputShape());
    }

    @Test
    void vggAt32PixelsUpsamplesItsOnePixelFeaturesToTheSevenBySevenClassifierInput() {
        // Five 2x2/2 pools take 32 to 1; the adaptive pool still hands the classifier 512 x 7 x 7.
        Network vgg = ModelZoo.build("vgg16", 1, 32, 32);

        assertEquals(Shape.nchw(1, 512, 1, 1), vgg.node("features.30").outputShape());
        assertEquals(Shape.nchw(1, 512, 7, 7), vgg.node("avgpool").outputShape());
    }

    @Test
    void resNetKeepsAspectRatioOfNonSquareInput() {
        // 224x160 is divided by 32 overall: 7x5 before the global pool.
        Network resnet = ModelZoo.build("resnet50", 1, 224, 160);

        assertEquals(Shape.nchw(1, 2048, 7, 5), resnet.node("layer4.2.relu.2").outputShape());
    }

    @Test
    void alexNetNeedsAtLeast63PixelsLikeTorchvision() {
        // 63 -> conv 11/4 pad 2: 15 -> pool 3/2: 7 -> conv: 7 -> pool: 3 -> convs: 3 -> pool: 1.
        assertEquals(Shape.nchw(1, 256, 1, 1), ModelZoo.build("alexnet", 1, 63, 63).node("features.12").outputShape());

        // 62 -> 14 -> 6 -> 6 -> 2: no 3x3 window left for the last pool.
        GraphException e = assertThrows(GraphException.class, () -> ModelZoo.build("alexnet", 1, 62, 62));
        assertEquals("features.12", e.layer());
    }

    @Test
    void repeatedModuleCallsAreNumberedAfterTheFirst() {
        assertEquals("layer1.0.relu", ModelZoo.layerName("layer1.0.relu", 0));
        assertEquals("layer1.0.relu.2", ModelZoo.layerName("layer1.0.relu", 2));
    }

    @Test
    void firstBlockOfAStageAddsTheDownsampledBlockInput() {
        Network resnet = ModelZoo.build("resnet50", 1, 224, 224);

        assertEquals(List.of("layer1.2.relu.2"), resnet.node("layer2.0.downsample.0").layer().inputs());
        assertEquals(List.of("layer2.0.bn3", "layer2.0.downsample.1"), resnet.node("layer2.0.add").layer().inputs());
    }

    @Test
    void laterBlocksAddTheBlockInputUnchanged() {
        Network resnet = ModelZoo.build("resnet18", 1, 224, 224);

        assertEquals(List.of("layer3.1.bn2", "layer3.0.relu.1"), resnet.node("layer3.1.add").layer().inputs());
        assertEquals(List.of("layer3.1.add"), resnet.node("layer3.1.relu.1").layer().inputs());
    }
}
