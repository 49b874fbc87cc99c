package org.sasim.simulator.memory;

/**
 * Timing and traffic of one GEMM layer in the memory hierarchy.
 *
 * @param tiling                  the tiling used
 * @param computeCycles           cycles the array computes (from the fold schedule, unchanged by memory)
 * @param stallCycles             cycles the array waits for operands (or for an output half to drain) between tiles
 * @param prologueCycles          cycles to load the first tile before the array can start (not a stall: every
 *                                layer has one; hidden when the previous layer prefetches it)
 * @param epilogueCycles          cycles writing back outputs after the array has finished
 * @param dram                    DRAM bytes per operand and direction
 * @param compulsoryReadBytes     each used input element and each weight once (bytes)
 * @param compulsoryWriteBytes    each output once (bytes)
 * @param ifmapSram               IFMAP scratchpad accesses
 * @param filterSram              filter scratchpad accesses
 * @param ofmapSram               output/partial-sum scratchpad accesses
 * @param averageDramBytesPerCycle DRAM bytes over the cold-start latency (prologue + total + epilogue cycles)
 * @param peakDramBytesPerCycle   highest DRAM bandwidth over any tile window (bytes/cycle)
 * @param stallFreeBytesPerCycle  smallest DRAM bandwidth (bytes/cycle) at which this layer, with these
 *                                scratchpads and this latency, has zero stall cycles; 0 when any bandwidth will do,
 *                                infinite when none will (latency alone exceeds what compute can hide)
 */
public record MemoryResult(TilingReport tiling, long computeCycles, long stallCycles, long prologueCycles,
                           long epilogueCycles, DramTraffic dram, long compulsoryReadBytes,
                           long compulsoryWriteBytes, ScratchpadTraffic ifmapSram, ScratchpadTraffic filterSram,
                           ScratchpadTraffic ofmapSram, double averageDramBytesPerCycle,
                           double peakDramBytesPerCycle, double stallFreeBytesPerCycle) {

    /** compute + stall cycles: the array's busy-or-waiting span. */
    public long totalCycles() {
        return computeCycles + stallCycles;
    }

    /** Cold-start wall time of the layer alone: prologue + total + epilogue cycles. */
    public long latencyCycles() {
        return prologueCycles + totalCycles() + epilogueCycles;
    }
}
