package org.sasim.models.quant;

import org.sasim.models.graph.Lrn;

/**
 * Int8 local response norm: the engines sum the squares of the int8 inputs over the channel window exactly
 * ({@code sumSq}, int64); the output is then
 * {@code saturate(round_half_even(q * s_in / (k + alpha * sumSq * s_in^2 / size)^beta / s_out))} in float64 with
 * {@link StrictMath#pow}, the same function of two integers in every engine.
 *
 * @param lrn      the layer (size, alpha, beta, k)
 * @param inScale  input scale
 * @param outScale output scale
 */
public record LrnRequantizer(Lrn lrn, double inScale, double outScale) {
    /** The int8 output for input {@code q} whose window's sum of squares is {@code sumSq}. */
    public byte apply(byte q, long sumSq) {
        double avg = sumSq * inScale * inScale / lrn.size();
        double div = StrictMath.pow(lrn.k() + lrn.alpha() * avg, lrn.beta());
        return IntegerRounding.saturateInt8((long) Math.rint(q * inScale / div / outScale));
    }
}
