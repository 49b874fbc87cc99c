package org.sasim.reports.run;

import java.util.List;
import org.sasim.simulator.arch.Accelerator;

/**
 * Network totals: sums over layers, and the ratios derived from those sums (never averages of per-layer ratios,
 * which would weight a tiny layer like a huge one).
 *
 * @param layers          number of layers
 * @param params          learned parameters
 * @param macs            multiply-accumulates
 * @param computeCycles   array compute cycles
 * @param stallCycles     array stall cycles
 * @param vectorCycles    vector-unit cycles
 * @param dramReadBytes   DRAM bytes read
 * @param dramWriteBytes  DRAM bytes written
 * @param sramReadBytes   scratchpad bytes read
 * @param sramWriteBytes  scratchpad bytes written
 * @param utilizationPct  MACs / ((compute + stall) cycles of the array layers x PEs) x 100: how busy the array is
 *                        while it is in use (vector-unit layers' DRAM stalls do not hold the array)
 * @param peakDramBytesPerCycle highest per-layer average DRAM bandwidth (bytes/cycle)
 */
public record NetworkTotals(int layers, long params, long macs, long computeCycles, long stallCycles,
                            long vectorCycles, long dramReadBytes, long dramWriteBytes, long sramReadBytes,
                            long sramWriteBytes, double utilizationPct, double peakDramBytesPerCycle) {

    /** Sums the layers of a run on {@code accelerator}. */
    public static NetworkTotals of(List<LayerStats> layers, Accelerator accelerator) {
        long params = 0, macs = 0, comp = 0, stall = 0, vec = 0, dr = 0, dw = 0, sr = 0, sw = 0, arrayCycles = 0;
        double peak = 0;
        for (LayerStats l : layers) {
            params += l.params();
            macs += l.macs();
            comp += l.computeCycles();
            stall += l.stallCycles();
            vec += l.vectorCycles();
            dr += l.dramReadBytes();
            dw += l.dramWriteBytes();
            sr += l.sramReadBytes();
            sw += l.sramWriteBytes();
            peak = Math.max(peak, l.dramBytesPerCycle());
            if (l.onArray()) {
                arrayCycles += l.computeCycles() + l.stallCycles();
            }
        }
        double util = arrayCycles == 0 ? 0 : 100.0 * macs / ((double) arrayCycles * accelerator.array().pes());
        return new NetworkTotals(layers.size(), params, macs, comp, stall, vec, dr, dw, sr, sw, util, peak);
    }

    /** compute + stall + vector cycles. */
    public long totalCycles() {
        return computeCycles + stallCycles + vectorCycles;
    }

    /** DRAM bytes read and written. */
    public long dramBytes() {
        return dramReadBytes + dramWriteBytes;
    }

    /** Average DRAM bandwidth over the whole network (bytes/cycle). */
    public double averageDramBytesPerCycle() {
        return totalCycles() == 0 ? 0 : (double) dramBytes() / totalCycles();
    }

    /** MACs per DRAM byte over the whole network. */
    public double macsPerDramByte() {
        return dramBytes() == 0 ? 0 : (double) macs / dramBytes();
    }
}
