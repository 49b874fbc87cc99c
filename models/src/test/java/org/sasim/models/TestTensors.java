package org.sasim.models;

import java.util.SplittableRandom;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/** Small tensors for tests. */
public final class TestTensors {
    private TestTensors() {
    }

    /** Uniform values in [-1, 1), reproducible from {@code seed}. */
    public static FloatTensor uniform(Shape shape, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] a = new float[Math.toIntExact(shape.elements())];
        for (int i = 0; i < a.length; i++) {
            a[i] = (float) (r.nextDouble() * 2 - 1);
        }
        return new FloatTensor(shape, a);
    }

    /** The given values under {@code shape}. */
    public static FloatTensor of(Shape shape, float... values) {
        return new FloatTensor(shape, values);
    }

    /** 1, 2, 3, ... in row-major order. */
    public static FloatTensor iota(Shape shape) {
        float[] a = new float[Math.toIntExact(shape.elements())];
        for (int i = 0; i < a.length; i++) {
            a[i] = i + 1;
        }
        return new FloatTensor(shape, a);
    }
}
