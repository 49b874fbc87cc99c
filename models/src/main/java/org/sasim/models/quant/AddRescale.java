package org.sasim.models.quant;

import java.util.List;

/**
 * The int8 residual add, TFLite's scheme generalised to k inputs: each input {@code q_i} is widened to
 * {@code q_i * 2^20} and multiplied by {@code s_i / (2 * max_j s_j)} (a {@link QuantizedMultiplier}), the k results
 * are summed in int32, and the sum is multiplied by {@code 2 * max_j s_j / (2^20 * s_out)} and saturated to int8.
 *
 * @param inputs one multiplier per input, in input order
 * @param output the sum-to-output multiplier
 */
public record AddRescale(List<QuantizedMultiplier> inputs, QuantizedMultiplier output) {
    /** Left shift that gives the inputs 20 fractional bits of headroom before rescaling. */
    public static final int LEFT_SHIFT = 20;

    public AddRescale {
        inputs = List.copyOf(inputs);
    }

    /** The multipliers for inputs of scales {@code in} and an output of scale {@code out}. */
    public static AddRescale of(double[] in, double out) {
        double max = 0;
        for (double s : in) {
            max = Math.max(max, s);
        }
        double twiceMax = 2 * max;
        QuantizedMultiplier[] m = new QuantizedMultiplier[in.length];
        for (int i = 0; i < in.length; i++) {
            m[i] = QuantizedMultiplier.of(in[i] / twiceMax);
        }
        return new AddRescale(List.of(m), QuantizedMultiplier.of(twiceMax / ((1 << LEFT_SHIFT) * out)));
    }

    /** Input {@code i}'s int8 value on the common fixed-point grid. */
    public int rescaleInput(int i, byte q) {
        return inputs.get(i).apply(q << LEFT_SHIFT);
    }

    /** The int8 output of a sum of rescaled inputs. */
    public byte output(int sum) {
        return IntegerRounding.saturateInt8(output.apply(sum));
    }
}
