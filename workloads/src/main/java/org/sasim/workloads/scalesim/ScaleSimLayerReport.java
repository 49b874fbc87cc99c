package org.sasim.workloads.scalesim;

/**
 * Everything SCALE-Sim's three report files say about one layer.
 *
 * @param layerId           0-based layer index
 * @param totalCycles       compute cycles including stalls (cycles)
 * @param stallCycles       stall cycles (cycles)
 * @param overallUtil       MACs / (total cycles x PEs), percent
 * @param mappingEfficiency mean fraction of the array a fold maps, percent
 * @param computeUtil       mean per-fold compute utilization, percent
 * @param sramIfmap         IFMAP SRAM reads (words) and their first/last cycle
 * @param sramFilter        filter SRAM reads
 * @param sramOfmap         OFMAP SRAM writes
 * @param dramIfmap         IFMAP DRAM reads
 * @param dramFilter        filter DRAM reads
 * @param dramOfmap         OFMAP DRAM writes
 */
public record ScaleSimLayerReport(int layerId, long totalCycles, long stallCycles, double overallUtil,
                                  double mappingEfficiency, double computeUtil, Access sramIfmap, Access sramFilter,
                                  Access sramOfmap, Access dramIfmap, Access dramFilter, Access dramOfmap) {

    /**
     * Accesses of one memory and operand over a window of cycles.
     *
     * @param startCycle first cycle (SCALE-Sim writes these as floats)
     * @param stopCycle  last cycle
     * @param words      words read or written
     */
    public record Access(double startCycle, double stopCycle, long words) {
        /** Average words per cycle over the window (0 for an empty window). */
        double perCycleOverWindow() {
            double span = stopCycle - startCycle;
            return span > 0 ? words / span : 0;
        }
    }
}
