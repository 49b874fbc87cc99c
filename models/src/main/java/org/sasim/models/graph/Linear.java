package org.sasim.models.graph;

import java.util.List;

/** Fully connected layer, y = x W^T + b with W of shape (outFeatures, inFeatures); input (N, inFeatures). */
public record Linear(String name, String input, int inFeatures, int outFeatures, boolean bias) implements Layer {

    public Linear {
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new GraphException(name, "features must be positive (in " + inFeatures + ", out " + outFeatures
                    + ")");
        }
    }

    @Override
    public List<String> inputs() {
        return List.of(input);
    }

    @Override
    public String kind() {
        return "linear";
    }

    public Shape weightShape() {
        return Shape.of(outFeatures, inFeatures);
    }

    @Override
    public Shape outputShape(List<Shape> inputShapes) {
        Shape in = Layer.single(this, inputShapes);
        if (in.rank() != 2) {
            throw new GraphException(name, "expects a (N, features) input of rank 2, got shape " + in
                    + " (add a flatten layer before it)");
        }
        if (in.dim(1) != inFeatures) {
            throw new GraphException(name, "expected " + inFeatures + " input features, got " + in.dim(1)
                    + " (input shape " + in + ")");
        }
        return Shape.of(in.batch(), outFeatures);
    }

    @Override
    public long params() {
        return (long) inFeatures * outFeatures + (bias ? outFeatures : 0);
    }

    @Override
    public long macs(List<Shape> inputShapes, Shape out) {
        return (long) out.batch() * inFeatures * outFeatures;
    }

    @Override
    public Layer withInputs(List<String> inputs) {
        return new Linear(name, Layer.onlyInput(name, inputs), inFeatures, outFeatures, bias);
    }
}
