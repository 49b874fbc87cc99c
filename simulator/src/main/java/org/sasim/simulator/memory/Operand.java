package org.sasim.simulator.memory;

/**
 * The four kinds of data moved between DRAM and the scratchpads: input feature map, filter weights, final output
 * feature map, and partial sums (accumulators spilled before their reduction is complete and read back later).
 */
public enum Operand {
    IFMAP,
    FILTER,
    OFMAP,
    PSUM
}
