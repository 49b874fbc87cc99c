package org.sasim.models.tensor;

import java.util.Arrays;
import org.sasim.models.graph.Shape;

/** Dense INT64 tensor. */
public final class LongTensor implements Tensor {
    private final Shape shape;
    private final long[] data;

    /** Wraps {@code data} (not copied) as a tensor of {@code shape}. */
    public LongTensor(Shape shape, long[] data) {
        Tensor.checkedSize(shape, data.length);
        this.shape = shape;
        this.data = data;
    }

    /** A zero-filled tensor. */
    public static LongTensor zeros(Shape shape) {
        long n = shape.elements();
        if (n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("tensor of shape " + shape + " is too large for one array");
        }
        return new LongTensor(shape, new long[(int) n]);
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return DType.INT64;
    }

    /** The backing row-major array (not a copy). */
    public long[] data() {
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
    public LongTensor reshape(Shape newShape) {
        return new LongTensor(newShape, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LongTensor t && shape.equals(t.shape) && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return 31 * shape.hashCode() + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "LongTensor[" + shape + "]";
    }
}
