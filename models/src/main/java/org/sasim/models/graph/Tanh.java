package org.sasim.models.graph;

import java.util.List;

/** Element-wise tanh: tanh(x). Shape-preserving. */
public record Tanh(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "tanh";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Tanh(name, Layer.onlyInput(name, inputs));
    }
}
