package org.sasim.models.zoo;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
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

/**
 * Appends layers to a chain: each new layer reads the output of the previous one (the cursor) unless the cursor is
 * moved with {@link #from}. Layers are kept in the order added, which the zoo builders make torchvision's execution
 * order. One builder per network; not shared.
 */
final class GraphBuilder {
    /** PyTorch's default batch-norm epsilon, used by every zoo model. */
    static final double BN_EPS = 1e-5;

    private final List<Layer> layers = new ArrayList<>();
    private String cursor = Layer.NETWORK_INPUT;

    /** Name of the layer the next one will read. */
    String cursor() {
        return cursor;
    }

    /** Makes the next layer read {@code layer}'s output (to start a branch). */
    void from(String layer) {
        cursor = layer;
    }

    String conv(String name, int in, int out, int kernel, int stride, int padding, boolean bias) {
        return append(Conv2d.square(name, cursor, in, out, kernel, stride, padding, bias));
    }

    String batchNorm(String name, int features) {
        return append(new BatchNorm2d(name, cursor, features, BN_EPS));
    }

    String relu(String name) {
        return append(new Relu(name, cursor));
    }

    String maxPool(String name, int kernel, int stride, int padding) {
        return append(MaxPool2d.square(name, cursor, kernel, stride, padding));
    }

    String adaptiveAvgPool(String name, int height, int width) {
        return append(new AdaptiveAvgPool2d(name, cursor, new Dims2(height, width)));
    }

    String flatten(String name) {
        return append(new Flatten(name, cursor));
    }

    String dropout(String name, double p) {
        return append(new Dropout(name, cursor, p));
    }

    String linear(String name, int in, int out) {
        return append(new Linear(name, cursor, in, out, true));
    }

    /** Residual sum of two outputs; the cursor moves to the sum. */
    String add(String name, String a, String b) {
        return append(new Add(name, List.of(a, b)));
    }

    /** Validates the chain at this input shape. */
    Network build(String name, Shape input) {
        return Network.of(name, input, layers);
    }

    private String append(Layer layer) {
        layers.add(layer);
        cursor = layer.name();
        return cursor;
    }
}
