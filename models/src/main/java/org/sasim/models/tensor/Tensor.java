package org.sasim.models.tensor;

import org.sasim.models.graph.Shape;

/**
 * A dense, row-major (C-order) N-d array. The backing array is exposed for speed: once a tensor has been handed to
 * someone else, treat its data as read-only.
 */
public sealed interface Tensor permits FloatTensor, DoubleTensor, ByteTensor, IntTensor, LongTensor {
    Shape shape();

    DType dtype();

    /** Number of elements. */
    default long size() {
        return shape().elements();
    }

    /** Element at a flat (row-major) index, widened to double. */
    double getAsDouble(int flatIndex);

    /** Converts to float32 (int values are converted exactly where float32 can represent them). */
    FloatTensor toFloat();

    /** Checks that {@code data.length} matches the shape. */
    static int checkedSize(Shape shape, int length) {
        long n = shape.elements();
        if (n != length) {
            throw new IllegalArgumentException("shape " + shape + " has " + n + " elements but data has " + length);
        }
        return length;
    }
}
