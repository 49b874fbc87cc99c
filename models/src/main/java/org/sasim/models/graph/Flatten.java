package org.sasim.models.graph;

import java.util.List;

/** Flattens every dimension after the batch, row-major: N x C x H x W to N x (C*H*W). */
public record Flatten(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "flatten";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single(this, inputShapes);
        long features = in.elements() / Math.max(1, in.batch());
        if (features > Integer.MAX_VALUE) {
            throw new GraphException(name, "flattened size " + features + " is too large");
        }
        return Shape.of(in.batch(), (int) features);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Flatten(name, Layer.onlyInput(name, inputs));
    }
}
