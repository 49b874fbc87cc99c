package org.sasim.models.reference;

import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Shape;

/** Argument checks shared by the reference ops; failures name the layer. */
final class Checks {
    private Checks() {
    }

    static void shape(Layer l, String what, Shape actual, Shape expected) {
        if (!actual.equals(expected)) {
            throw new GraphException(l.name(), what + " has shape " + actual + ", expected " + expected);
        }
    }

    /** An exact integer result that must fit the int32 accumulator. */
    static int toInt32(Layer l, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new ArithmeticException("layer '" + l.name() + "': int32 accumulator overflow (" + v + ")");
        }
        return (int) v;
    }
}
