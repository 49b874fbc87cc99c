package org.sasim.models.graph;

import java.util.List;

/**
 * Inference-mode batch norm over channels: y = (x - mean) / sqrt(var + eps) * gamma + beta.
 * Parameters are gamma and beta; running mean and variance are buffers.
 */
public record BatchNorm2d(String name, String input, int numFeatures, double eps) implements Layer {

    public BatchNorm2d {
        if (numFeatures <= 0) {
            throw new GraphException(name, "num features must be positive, got " + numFeatures);
        }
        if (!(eps > 0)) {
            throw new GraphException(name, "eps must be positive, got " + eps);
        }
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "batchnorm2d";
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single4d(this, inputShapes);
        if (in.channels() != numFeatures) {
            throw new GraphException(name, "expected " + numFeatures + " input channels, got " + in.channels()
                    + " (input shape " + in + ")");
        }
        return in;
    }

    @Override
    public long params() {
        return 2L * numFeatures;
    }

    @Override
    public long buffers() {
        return 2L * numFeatures;
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new BatchNorm2d(name, Layer.onlyInput(name, inputs), numFeatures, eps);
    }
}
