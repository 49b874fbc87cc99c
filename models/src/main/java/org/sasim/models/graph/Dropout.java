package org.sasim.models.graph;

import java.util.List;

/** Element-wise dropout: identity at inference. Shape-preserving. */
public record Dropout(String name, String input, double p) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "dropout";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Dropout(name, Layer.onlyInput(name, inputs), p);
    }
}
