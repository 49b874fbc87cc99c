package org.sasim.simulator.compute;

import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * The operands of a layer's GEMMs as 32-bit words (see {@link Arithmetic}): A is {@code groups x M x K} and B is
 * {@code groups x K x N}, both row-major; int8 values are held as ints, fp32/bf16 values as fp32 bit patterns (bf16
 * already rounded). Arrays are not copied; treat them as read-only.
 *
 * @param gemm     the GEMM shape
 * @param datatype the datapath number format
 * @param a        A words, {@code [g][m][k]}
 * @param b        B words, {@code [g][k][n]}
 */
public record GemmOperands(Gemm gemm, Datatype datatype, int[] a, int[] b) {
    public GemmOperands {
        long na = (long) gemm.groups() * gemm.m() * gemm.k();
        long nb = (long) gemm.groups() * gemm.k() * gemm.n();
        if (a.length != na || b.length != nb) {
            throw new IllegalArgumentException("operands do not fit " + gemm + ": A has " + a.length + " words (need "
                    + na + "), B has " + b.length + " (need " + nb + ")");
        }
    }

    /** Words in the output {@code groups x M x N}. */
    public int outputWords() {
        return Math.toIntExact((long) gemm.groups() * gemm.m() * gemm.n());
    }

    /** fp32 value rounded to bfloat16 (round to nearest, ties to even; NaN kept quiet), as fp32 bits. */
    public static int roundToBf16Bits(float v) {
        int bits = Float.floatToRawIntBits(v);
        if (Float.isNaN(v)) {
            return (bits | 0x0040_0000) & 0xFFFF_0000;
        }
        int lsb = (bits >>> 16) & 1;
        return (bits + 0x7FFF + lsb) & 0xFFFF_0000;
    }

    /** Converts one fp32 operand value to its word for {@code d} (bf16 rounded; int8 must be integral). */
    public static int word(float v, Datatype d) {
        return switch (d) {
            case FP32 -> Float.floatToRawIntBits(v);
            case BF16 -> roundToBf16Bits(v);
            case INT8 -> (int) v;
        };
    }
}
