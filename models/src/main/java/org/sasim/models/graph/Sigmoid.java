package org.sasim.models.graph;

import java.util.List;

/** Element-wise sigmoid: 1 / (1 + exp(-x)). Shape-preserving. */
public record Sigmoid(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "sigmoid";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Sigmoid(name, Layer.onlyInput(name, inputs));
    }
}
