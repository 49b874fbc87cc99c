package org.sasim.models.graph;

import java.util.List;

/** Element-wise sum of two or more tensors of one shape (the residual add). */
public record Add(String name, List<String> inputs) implements Layer {

    public Add {
        inputs = List.copyOf(inputs);
        if (inputs.size() < 2) {
            throw new GraphException(name, "add needs at least 2 inputs, got " + inputs.size());
        }
    }

    @Override
    public String kind() {
        return "add";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape first = inputShapes.get(0);
        for (int i = 1; i < inputShapes.size(); i++) {
            if (!inputShapes.get(i).equals(first)) {
                throw new GraphException(name, "inputs must have one shape: '" + inputs.get(0) + "' is " + first
                        + " but '" + inputs.get(i) + "' is " + inputShapes.get(i));
            }
        }
        return first;
    }

    @Override
    public Layer withInputs(List<String> newInputs) {
        return new Add(name, newInputs);
    }
}
