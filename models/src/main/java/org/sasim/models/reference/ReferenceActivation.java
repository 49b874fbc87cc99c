package org.sasim.models.reference;

import java.util.function.DoubleUnaryOperator;
import org.sasim.models.tensor.FloatTensor;

/** Element-wise activations, each evaluated in float64 and rounded once to float32. NaN stays NaN. */
final class ReferenceActivation {
    private ReferenceActivation() {
    }

    static FloatTensor relu(FloatTensor x) {
        return map(x, v -> v > 0 || Double.isNaN(v) ? v : 0.0);
    }

    static FloatTensor leakyRelu(FloatTensor x, double negativeSlope) {
        return map(x, v -> v >= 0 || Double.isNaN(v) ? v : negativeSlope * v);
    }

    /** 1 / (1 + e^-x), written for both signs so that e^x never overflows to a NaN. */
    static FloatTensor sigmoid(FloatTensor x) {
        return map(x, v -> v >= 0 ? 1.0 / (1.0 + Math.exp(-v)) : Math.exp(v) / (1.0 + Math.exp(v)));
    }

    static FloatTensor tanh(FloatTensor x) {
        return map(x, Math::tanh);
    }

    private static FloatTensor map(FloatTensor x, DoubleUnaryOperator f) {
        float[] xs = x.data();
        float[] ys = new float[xs.length];
        for (int i = 0; i < xs.length; i++) {
            ys[i] = (float) f.applyAsDouble(xs[i]);
        }
        return new FloatTensor(x.shape(), ys);
    }
}
