package org.sasim.models.graph;

import java.util.List;

/** Softmax over dimension 1 (classes of an N x classes tensor, or channels of NCHW). */
public record Softmax(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "softmax";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single(this, inputShapes);
        if (in.rank() < 2) {
            throw new GraphException(name, "softmax over dimension 1 needs rank >= 2, got shape " + in);
        }
        return in;
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Softmax(name, Layer.onlyInput(name, inputs));
    }
}
