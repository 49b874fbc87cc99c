package org.sasim.models.graph;

import java.util.List;

/** Element-wise leaky ReLU: x for x >= 0, negativeSlope * x otherwise. Shape-preserving. */
public record LeakyRelu(String name, String input, double negativeSlope) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "leakyrelu";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new LeakyRelu(name, Layer.onlyInput(name, inputs), negativeSlope);
    }
}
