package org.sasim.models.graph;

import java.util.List;

/**
 * Average pooling, PyTorch semantics: zero padding, optional ceil mode; with {@code countIncludePad} the divisor
 * counts padded taps (but never taps of a ceil-mode window hanging past the padded input).
 */
public record AvgPool2d(String name, String input, Dims2 kernel, Dims2 stride, Dims2 padding, boolean ceilMode,
                        boolean countIncludePad) implements Layer {

    public AvgPool2d {
        PoolWindow.validate(name, kernel, stride, padding);
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "avgpool2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        return PoolWindow.outputShape(this, Layer.single4d(this, inputShapes), kernel, stride, padding, ceilMode);
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new AvgPool2d(name, Layer.onlyInput(name, inputs), kernel, stride, padding, ceilMode,
                countIncludePad);
    }
}
