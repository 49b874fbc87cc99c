package org.sasim.simulator.compute;

/**
 * Words moved between the SRAM scratchpads and the edges of the systolic array (one word = one operand or one
 * accumulator value, whatever the datatype's width).
 *
 * @param ifmapReads  input-feature-map words read from the IFMAP SRAM into the array (words)
 * @param filterReads filter words read from the filter SRAM into the array (words)
 * @param ofmapReads  partial-sum words read back from the OFMAP SRAM to be accumulated (words)
 * @param ofmapWrites output or partial-sum words written to the OFMAP SRAM (words)
 */
public record SramAccesses(long ifmapReads, long filterReads, long ofmapReads, long ofmapWrites) {
    /** No accesses. */
    public static final SramAccesses NONE = new SramAccesses(0, 0, 0, 0);

    /** Element-wise sum. */
    public SramAccesses plus(SramAccesses o) {
        return new SramAccesses(ifmapReads + o.ifmapReads, filterReads + o.filterReads, ofmapReads + o.ofmapReads,
                ofmapWrites + o.ofmapWrites);
    }
}
