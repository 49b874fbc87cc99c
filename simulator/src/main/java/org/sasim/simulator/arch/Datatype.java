package org.sasim.simulator.arch;

import java.util.Locale;

/**
 * Number format of the datapath: what the multipliers take and what the accumulators hold.
 * <ul>
 *   <li>{@code int8}: int8 x int8 products accumulated exactly in int32 (two's-complement wrap on overflow).</li>
 *   <li>{@code bf16}: operands rounded from fp32 to bfloat16 (round to nearest even); the product of two bf16 values
 *       is exact in fp32; accumulation in fp32.</li>
 *   <li>{@code fp32}: fp32 multiply, then fp32 add, each rounded (no fused multiply-add).</li>
 * </ul>
 */
public enum Datatype {
    INT8(1, 4),
    BF16(2, 4),
    FP32(4, 4);

    private final int operandBytes;
    private final int accumulatorBytes;

    Datatype(int operandBytes, int accumulatorBytes) {
        this.operandBytes = operandBytes;
        this.accumulatorBytes = accumulatorBytes;
    }

    /** Bytes of one input or weight word in SRAM and DRAM. */
    public int operandBytes() {
        return operandBytes;
    }

    /** Bytes of one accumulator (partial sum) word. */
    public int accumulatorBytes() {
        return accumulatorBytes;
    }

    /** Parses {@code int8|bf16|fp32} (case-insensitive). */
    public static Datatype parse(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        for (Datatype d : values()) {
            if (d.name().toLowerCase(Locale.ROOT).equals(t)) {
                return d;
            }
        }
        throw new IllegalArgumentException("unknown datatype '" + s + "' (expected int8, bf16 or fp32)");
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
