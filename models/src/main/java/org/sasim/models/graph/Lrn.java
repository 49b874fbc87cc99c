package org.sasim.models.graph;

import java.util.List;

/**
 * Local response normalisation across channels, PyTorch semantics:
 * b_c = a_c / (k + alpha/size * sum over the size-wide channel window of a^2)^beta.
 */
public record Lrn(String name, String input, int size, double alpha, double beta, double k) implements Layer {

    public Lrn {
        if (size <= 0) {
            throw new GraphException(name, "size must be positive, got " + size);
        }
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "lrn";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return Layer.single4d(this, inputShapes);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Lrn(name, Layer.onlyInput(name, inputs), size, alpha, beta, k);
    }
}
