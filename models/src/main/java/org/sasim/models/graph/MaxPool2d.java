package org.sasim.models.graph;

import java.util.List;

/** Max pooling, PyTorch semantics: padding acts as -infinity, optional ceil mode. */
public record MaxPool2d(String name, String input, Dims2 kernel, Dims2 stride, Dims2 padding, boolean ceilMode)
        implements Layer {

    public MaxPool2d {
        PoolWindow.validate(name, kernel, stride, padding);
    }

    public static MaxPool2d square(String name, String input, int k, int s, int p) {
        return new MaxPool2d(name, input, Dims2.square(k), Dims2.square(s), Dims2.square(p), false);
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "maxpool2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return PoolWindow.outputShape(this, Layer.single4d(this, inputShapes), kernel, stride, padding, ceilMode);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new MaxPool2d(name, Layer.onlyInput(name, inputs), kernel, stride, padding, ceilMode);
    }
}
