package org.sasim.models.zoo;

import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;

/**
 * The reference CNNs sasim ships, built at any batch and input resolution. Layer names follow torchvision's module
 * names so that per-layer results line up with PyTorch; see {@link #layerName} for modules called more than once.
 */
public final class ModelZoo {
    /** Classes of the classifier head (ImageNet-1k). */
    public static final int IMAGENET_CLASSES = 1000;
    /** Input channels (RGB). */
    public static final int IMAGE_CHANNELS = 3;

    /** Builders by name, in presentation order. Unmodifiable. */
    private static final Map<String, Function<Shape, Network>> MODELS = models();

    private ModelZoo() {
    }

    private static Map<String, Function<Shape, Network>> models() {
        Map<String, Function<Shape, Network>> m = new LinkedHashMap<>();
        m.put(AlexNet.NAME, AlexNet::build);
        for (Vgg v : List.of(Vgg.VGG11, Vgg.VGG11_BN, Vgg.VGG13, Vgg.VGG16, Vgg.VGG19)) {
            m.put(v.name(), v::build);
        }
        for (ResNet r : List.of(ResNet.RESNET18, ResNet.RESNET34, ResNet.RESNET50, ResNet.RESNET101,
                ResNet.RESNET152)) {
            m.put(r.name(), r::build);
        }
        return Collections.unmodifiableMap(m);
    }

    /** Names of all models, e.g. {@code resnet50}, in a stable presentation order. */
    public static List<String> names() {
        return List.copyOf(MODELS.keySet());
    }

    /**
     * Builds a model for an N x 3 x H x W input.
     *
     * @param name   a name from {@link #names()}
     * @param batch  images per forward pass (N), at least 1
     * @param height input height in pixels
     * @param width  input width in pixels
     * @throws IllegalArgumentException for an unknown name (listing the valid ones) or non-positive sizes
     * @throws org.sasim.models.graph.GraphException when the input is too small for the model, naming the layer
     */
    public static Network build(String name, int batch, int height, int width) {
        Function<Shape, Network> builder = MODELS.get(name);
        if (builder == null) {
            throw new IllegalArgumentException(unknownName(name));
        }
        if (batch <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("batch, height and width must be positive, got batch " + batch
                    + ", input " + height + "x" + width);
        }
        return builder.apply(Shape.nchw(batch, IMAGE_CHANNELS, height, width));
    }

    /**
     * sasim layer name of call {@code call} (0-based) of a torchvision module: the module name for the first call,
     * {@code module.call} after that. A layer graph needs one node per call, whereas PyTorch reuses e.g. a ResNet
     * block's ReLU module; the reference CSVs list such calls with this index.
     */
    public static String layerName(String module, int call) {
        if (call < 0) {
            throw new IllegalArgumentException("call index must not be negative, got " + call);
        }
        return call == 0 ? module : module + "." + call;
    }

    private static String unknownName(String name) {
        String typed = name == null ? "" : name.toLowerCase(Locale.ROOT);
        String closest = MODELS.keySet().stream()
                .min(Comparator.comparingInt(n -> editDistance(n, typed)))
                .orElseThrow();
        // Only suggest a plausible typo: fewer edits than half the suggested name.
        boolean plausible = editDistance(closest, typed) * 2 < closest.length();
        return "unknown model '" + name + "'" + (plausible ? " (did you mean '" + closest + "'?)" : "")
                + "; valid models: " + String.join(", ", MODELS.keySet());
    }

    static int editDistance(String a, String b) {
        return org.sasim.models.text.EditDistance.between(a, b);
    }
}
