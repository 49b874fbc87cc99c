package org.sasim.simulator.compute;

import org.sasim.simulator.arch.Datatype;

/**
 * The multiply-accumulate of one PE on values held as 32-bit words: fp32 bit patterns for fp32 and bf16 (bf16
 * operands are rounded to bfloat16 before they enter the array, so their fp32 product is exact), or int32 values for
 * int8 (int8 x int8 products accumulated in int32 with wrap-around). The zero word (+0.0f or 0) is 0 in both.
 */
public sealed interface Arithmetic permits Arithmetic.Fp32, Arithmetic.Int32 {

    /** {@code acc + a*b}: the product rounded, then the sum rounded (no fused multiply-add) for floats. */
    int mac(int acc, int a, int b);

    /** {@code x + y}. */
    int add(int x, int y);

    /** The arithmetic of a datatype. */
    static Arithmetic of(Datatype d) {
        return d == Datatype.INT8 ? new Int32() : new Fp32();
    }

    /** fp32 multiply and add, each rounded to nearest even. */
    record Fp32() implements Arithmetic {
        @Override
        public int mac(int acc, int a, int b) {
            float p = Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
            return Float.floatToRawIntBits(Float.intBitsToFloat(acc) + p);
        }

        @Override
        public int add(int x, int y) {
            return Float.floatToRawIntBits(Float.intBitsToFloat(x) + Float.intBitsToFloat(y));
        }
    }

    /** int32 multiply-add with two's-complement wrap. */
    record Int32() implements Arithmetic {
        @Override
        public int mac(int acc, int a, int b) {
            return acc + a * b;
        }

        @Override
        public int add(int x, int y) {
            return x + y;
        }
    }
}
