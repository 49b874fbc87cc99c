package org.sasim.models.tensor;

import java.util.Arrays;
import org.sasim.models.graph.Shape;

/** Dense FLOAT32 tensor. */
public final class FloatTensor implements Tensor {
    private final Shape shape;
    private final float[] data;

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public FloatTensor(Shape shape, float[] data) {
        Tensor.checkedSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A zero-filled tensor. */
    public static FloatTensor zeros(Shape shape) {
        long n = shape.elements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + shape + " is too large for one array");
        }
        return new FloatTensor(shape, new float[(int) n]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT32;
    }

    /** The backing row-major array (not a copy). */
    public float[] data() {
        return data;
    }

    @Override
    public double getAsDouble(int flatIndex) {
        return data[flatIndex];
    }

    @Override
    public FloatTensor toFloat() {
        return this;
    }

    /** Same data viewed with another shape of equal size. */
    public FloatTensor reshape(Shape newShape) {
        return new FloatTensor(newShape, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FloatTensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "FloatTensor[" + shape + "]";
    }
}
