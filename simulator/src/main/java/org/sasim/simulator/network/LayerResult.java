package org.sasim.simulator.network;

import java.util.Optional;
import org.sasim.simulator.memory.DramTraffic;
import org.sasim.simulator.memory.ScratchpadTraffic;
import org.sasim.simulator.memory.TilingReport;

/**
 * One layer of a simulated network. Array layers (conv, linear) have compute cycles and a tiling; vector-unit
 * layers have vector-unit cycles. {@code totalCycles = computeCycles + vectorUnitCycles + stallCycles}.
 *
 * @param name                          layer name
 * @param kind                          layer kind, e.g. {@code conv2d}
 * @param onArray                       ran on the systolic array (else on the vector unit)
 * @param macs                          multiply-accumulates
 * @param computeCycles                 array compute cycles (0 on the vector unit)
 * @param vectorUnitCycles              vector-unit cycles (0 on the array)
 * @param stallCycles                   cycles waiting for DRAM
 * @param prologueCycles                first-tile load before the array starts (array layers)
 * @param epilogueCycles                write-back after the array finishes (array layers)
 * @param utilizationPercent            100 * MACs / (compute cycles * PEs) (array layers)
 * @param mappingEfficiencyPercent      100 * mean fraction of PEs holding work per fold (array layers)
 * @param ifmapSram                     IFMAP scratchpad accesses (words; the vector unit's reads count here)
 * @param filterSram                    filter scratchpad accesses (words)
 * @param ofmapSram                     output scratchpad accesses (words; the vector unit's writes count here)
 * @param dram                          DRAM bytes per operand
 * @param averageDramBytesPerCycle      DRAM bytes / (prologue + total + epilogue cycles)
 * @param peakDramBytesPerCycle         highest DRAM bandwidth over a tile window
 * @param averageDramGBps               average at the clock (GB/s)
 * @param peakDramGBps                  peak at the clock (GB/s)
 * @param arithmeticIntensityMacsPerByte MACs per DRAM byte (0 without DRAM traffic)
 * @param stallFreeBytesPerCycle        smallest DRAM bandwidth with zero stalls
 * @param tiling                        the tiling (array layers)
 */
public record LayerResult(String name, String kind, boolean onArray, long macs, long computeCycles,
                          long vectorUnitCycles, long stallCycles, long prologueCycles, long epilogueCycles,
                          double utilizationPercent, double mappingEfficiencyPercent, ScratchpadTraffic ifmapSram,
                          ScratchpadTraffic filterSram, ScratchpadTraffic ofmapSram, DramTraffic dram,
                          double averageDramBytesPerCycle, double peakDramBytesPerCycle, double averageDramGBps,
                          double peakDramGBps, double arithmeticIntensityMacsPerByte, double stallFreeBytesPerCycle,
                          Optional<TilingReport> tiling) {

    /** compute + vector-unit + stall cycles. */
    public long totalCycles() {
        return computeCycles + vectorUnitCycles + stallCycles;
    }
}
