package org.sasim.models.graph;

import java.util.List;

/**
 * Adaptive average pooling to a fixed output size, PyTorch semantics: output cell i covers input rows
 * [floor(i*H/Ho), ceil((i+1)*H/Ho)).
 */
public record AdaptiveAvgPool2d(String name, String input, Dims2 outputSize) implements Layer {

    public AdaptiveAvgPool2d {
        if (outputSize.h() <= 0 || outputSize.w() <= 0) {
            throw new GraphException(name, "output size must be positive, got " + outputSize);
        }
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "adaptiveavgpool2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single4d(this, inputShapes);
        return Shape.nchw(in.batch(), in.channels(), outputSize.h(), outputSize.w());
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new AdaptiveAvgPool2d(name, Layer.onlyInput(name, inputs), outputSize);
    }
}
