package org.sasim.models.graph;

import java.util.List;

/**
 * A layer placed in a network, with the shapes inferred for it.
 *
 * @param layer       the layer
 * @param inputShapes shapes of its inputs, in the order of {@link Layer#inputs()}
 * @param outputShape shape of its output
 */
public record Node(Layer layer, List<Shape> inputShapes, Shape outputShape) {
    public Node {
        inputShapes = List.copyOf(inputShapes);
    }

    public String name() {
        return layer.name();
    }

    /** Learned parameters of this layer. */
    public long params() {
        return layer.params();
    }

    /** Multiply-accumulates of this layer at this shape. */
    public long macs() {
        return layer.macs(inputShapes, outputShape);
    }

    /** Bytes of the output activation at {@code bytesPerElement} bytes per element. */
    public long activationBytes(int bytesPerElement) {
        return outputShape.elements() * bytesPerElement;
    }
}
