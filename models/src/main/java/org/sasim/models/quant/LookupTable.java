package org.sasim.models.quant;

import java.util.function.DoubleUnaryOperator;

/**
 * An element-wise int8 function as a 256-entry table (how int8 hardware runs sigmoid, tanh and leaky ReLU):
 * {@code table[q + 128] = saturate(round_half_even(f(q * inScale) / outScale))}, f evaluated in float64 with
 * {@link StrictMath}, so the table is the same on every machine.
 */
public final class LookupTable {
    private final byte[] table;

    private LookupTable(byte[] table) {
        this.table = table;
    }

    /** The table of {@code f} from input scale to output scale. */
    public static LookupTable of(DoubleUnaryOperator f, double inScale, double outScale) {
        byte[] t = new byte[256];
        for (int q = -128; q <= 127; q++) {
            double y = f.applyAsDouble(q * inScale) / outScale;
            t[q + 128] = IntegerRounding.saturateInt8((long) Math.rint(y));
        }
        return new LookupTable(t);
    }

    /** f of one int8 value. */
    public byte apply(byte q) {
        return table[q + 128];
    }
}
