package org.sasim.models.tensor;

import java.util.Arrays;
import org.sasim.models.graph.Shape;

/** Dense FLOAT64 tensor. */
public final class DoubleTensor implements Tensor {
    private final Shape shape;
    private final double[] data;

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public DoubleTensor(Shape shape, double[] data) {
        Tensor.checkedSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A zero-filled tensor. */
    public static DoubleTensor zeros(Shape shape) {
        long n = shape.elements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + shape + " is too large for one array");
        }
        return new DoubleTensor(shape, new double[(int) n]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.FLOAT64;
    }

    /** The backing row-major array (not a copy). */
    public double[] data() {
        return data;
    }

    @Override
    public double getAsDouble(int flatIndex) {
        return data[flatIndex];
    }

    @Override
    public FloatTensor toFloat() {
        float[] f = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            f[i] = (float) data[i];
        }
        return new FloatTensor(shape, f);
    }

    /** Same data viewed with another shape of equal size. */
    public DoubleTensor reshape(Shape newShape) {
        return new DoubleTensor(newShape, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DoubleTensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "DoubleTensor[" + shape + "]";
    }
}
