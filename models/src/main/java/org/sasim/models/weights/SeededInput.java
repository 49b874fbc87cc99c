package org.sasim.models.weights;

import java.util.SplittableRandom;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/**
 * Deterministic network inputs: independent standard-normal float32 values (mean 0, variance 1, like a normalised
 * image), in row-major order from the stream named {@code "input"} of the seed (see {@link SeededWeights} for the
 * stream derivation). {@link SeededWeights} calibrates batch norms for exactly this input distribution.
 */
public final class SeededInput {
    /** Stream name; cannot clash with a layer, since no layer may be called {@code input}. */
    static final String STREAM = "input";

    private SeededInput() {
    }

    /** A tensor of {@code shape} with standard-normal values; same seed and shape give the same bytes. */
    public static FloatTensor generate(Shape shape, long seed) {
        SplittableRandom r = Seeds.stream(seed, STREAM);
        float[] a = new float[Math.toIntExact(shape.elements())];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) Seeds.gaussian(r);
        }
        return new FloatTensor(shape, a);
    }

    /** An input for {@code network}, of its input shape. */
    public static FloatTensor generate(Network network, long seed) {
        return generate(network.inputShape(), seed);
    }
}
