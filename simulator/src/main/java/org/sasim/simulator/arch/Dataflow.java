package org.sasim.simulator.arch;

import java.util.Locale;

/**
 * What stays in the processing elements while the other operands stream past. With the GEMM view
 * C[M x N] = A[M x K] * B[K x N] (A = im2col'd input feature map, B = filters, M output pixels, N filters, K
 * reduction), each dataflow puts two GEMM dimensions on the array and streams the third:
 *
 * <table>
 *   <caption>Dimension placement (as in SCALE-Sim)</caption>
 *   <tr><th>dataflow</th><th>array rows</th><th>array cols</th><th>streamed</th></tr>
 *   <tr><td>os</td><td>M</td><td>N</td><td>K</td></tr>
 *   <tr><td>ws</td><td>K</td><td>N</td><td>M</td></tr>
 *   <tr><td>is</td><td>K</td><td>M</td><td>N</td></tr>
 * </table>
 */
public enum Dataflow {
    /** Each PE owns one output and accumulates it over K. */
    OUTPUT_STATIONARY("os"),
    /** Each PE holds one weight; inputs stream across, partial sums flow down. */
    WEIGHT_STATIONARY("ws"),
    /** Each PE holds one input value; weights stream across, partial sums flow down. */
    INPUT_STATIONARY("is");

    private final String shortName;

    Dataflow(String shortName) {
        this.shortName = shortName;
    }

    /** {@code os}, {@code ws} or {@code is}, as in SCALE-Sim configs and sasim workloads. */
    public String shortName() {
        return shortName;
    }

    /** Parses {@code os|ws|is} (case-insensitive) or the full enum name. */
    public static Dataflow parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Dataflow d : values()) {
            if (d.shortName.equals(t) || d.name().toLowerCase(Locale.ROOT).equals(t.replace('-', '_'))) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown dataflow '" + s + "' (expected os, ws or is)");
    }

    @Override
    public String toString() {
        return shortName;
    }
}
