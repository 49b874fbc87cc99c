package org.sasim.models.graph;

import java.util.List;

/** Mean over the whole spatial extent: N x C x H x W to N x C x 1 x 1. */
public record GlobalAvgPool(String name, String input) implements Layer {

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "globalavgpool";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single4d(this, inputShapes);
        return Shape.nchw(in.batch(), in.channels(), 1, 1);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new GlobalAvgPool(name, Layer.onlyInput(name, inputs));
    }
}
