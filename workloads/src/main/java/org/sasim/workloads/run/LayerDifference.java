package org.sasim.workloads.run;

/**
 * How one simulated layer output compares with the reference engine's output for the same inputs.
 *
 * @param layer        layer name
 * @param kind         layer kind
 * @param maxAbs       largest |simulated - reference| over the layer's elements
 * @param maxRel       {@code maxAbs / max(1, max|reference|)}: relative to the layer's largest magnitude
 * @param worstOfBound largest |simulated - reference| / bound over the elements (at most 1 passes; infinite when an
 *                     exact layer differs or one side is NaN and the other is not)
 */
public record LayerDifference(String layer, String kind, double maxAbs, double maxRel, double worstOfBound) {
    /** True when every element is within its bound. */
    public boolean passed() {
        return worstOfBound <= 1;
    }
}
