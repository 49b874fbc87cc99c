package org.sasim.models.graph;

import java.util.List;

/** Element-wise relu: max(0, x). Shape-preserving. */
public record Relu(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "relu";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Relu(name, Layer.onlyInput(name, inputs));
    }
}
