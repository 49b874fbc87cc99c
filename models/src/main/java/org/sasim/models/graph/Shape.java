package org.sasim.models.graph;

import java.util.Arrays;

/**
 * An immutable tensor shape, outermost dimension first (NCHW for activations, OIHW for conv weights).
 * Activations always carry the batch as dimension 0.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        for (int d : dims) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(dims));
            }
        }
        this.dims = dims;
    }

    public static Shape of(int... dims) {
        return new Shape(dims.clone());
    }

    /** Activation shape N x C x H x W. */
    public static Shape nchw(int n, int c, int h, int w) {
        return new Shape(new int[] {n, c, h, w});
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int i) {
        return dims[i];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Number of elements (product of the dimensions). */
    public long elements() {
        long n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Batch size: dimension 0. */
    public int batch() {
        return dims[0];
    }

    /** Channels of an NCHW shape (dimension 1). */
    public int channels() {
        return dims[1];
    }

    /** Height of an NCHW shape. */
    public int height() {
        return dims[2];
    }

    /** Width of an NCHW shape. */
    public int width() {
        return dims[3];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    /** Formats as {@code 1x3x224x224}, the form the zoo CSVs use. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(dims[i]);
        }
        return sb.toString();
    }
}
