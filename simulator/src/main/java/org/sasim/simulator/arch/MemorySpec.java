package org.sasim.simulator.arch;

/**
 * On-chip scratchpads and the DRAM interface. Each scratchpad is double-buffered: half its capacity feeds the
 * array while the other half is filled, so a tile may use at most half of it.
 *
 * @param ifmapSramBytes     input-feature-map scratchpad capacity (bytes, both halves together)
 * @param filterSramBytes    filter (weight) scratchpad capacity (bytes)
 * @param ofmapSramBytes     output/partial-sum scratchpad capacity (bytes)
 * @param dramBytesPerCycle  DRAM bandwidth in bytes per array clock cycle; {@code Double.POSITIVE_INFINITY} for an
 *                           ideal memory
 * @param dramLatencyCycles  fixed latency of a DRAM transfer (cycles), added once per transfer
 */
public record MemorySpec(long ifmapSramBytes, long filterSramBytes, long ofmapSramBytes, double dramBytesPerCycle,
                         int dramLatencyCycles) {
    public MemorySpec {
        if (ifmapSramBytes <= 0 || filterSramBytes <= 0 || ofmapSramBytes <= 0) {
            throw new IllegalArgumentException("scratchpad sizes must be positive");
        }
        if (!(dramBytesPerCycle > 0)) {
            throw new IllegalArgumentException("DRAM bandwidth must be positive, got " + dramBytesPerCycle);
        }
        if (dramLatencyCycles < 0) {
            throw new IllegalArgumentException("DRAM latency must not be negative, got " + dramLatencyCycles);
        }
    }

    /** SCALE-Sim's default: 64 kB for each scratchpad, 10 bytes per cycle (its USER-mode Bandwidth), no latency. */
    public static MemorySpec scaleSimDefault() {
        return new MemorySpec(64 * 1024, 64 * 1024, 64 * 1024, 10, 0);
    }

    /** Same memories with ideal (infinite-bandwidth) DRAM. */
    public MemorySpec withInfiniteBandwidth() {
        return new MemorySpec(ifmapSramBytes, filterSramBytes, ofmapSramBytes, Double.POSITIVE_INFINITY, 0);
    }

    public MemorySpec withDramBytesPerCycle(double bytesPerCycle) {
        return new MemorySpec(ifmapSramBytes, filterSramBytes, ofmapSramBytes, bytesPerCycle, dramLatencyCycles);
    }
}
