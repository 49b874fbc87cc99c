package org.sasim.models.reference;

import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/** Layers that combine or re-view tensors without arithmetic beyond a sum: add and flatten. */
final class ReferenceTensorOps {
    private ReferenceTensorOps() {
    }

    /** Element-wise sum of all inputs in float64, rounded once (for two inputs: exactly the float32 sum). */
    static FloatTensor add(Add l, List<FloatTensor> xs) {
        List<Shape> shapes = new ArrayList<>();
        for (FloatTensor x : xs) {
            shapes.add(x.shape());
        }
        Shape out = l.outputShape(shapes);
        float[] ys = new float[Math.toIntExact(out.elements())];
        for (int i = 0; i < ys.length; i++) {
            double sum = 0;
            for (FloatTensor x : xs) {
                sum += x.data()[i];
            }
            ys[i] = (float) sum;
        }
        return new FloatTensor(out, ys);
    }

    /** Row-major flatten after the batch: the same data under shape N x (C*H*W). */
    static FloatTensor flatten(Flatten l, FloatTensor x) {
        return x.reshape(l.outputShape(List.of(x.shape())));
    }
}
