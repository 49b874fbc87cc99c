package org.sasim.reports.run;

/**
 * One layer's simulated results as the reports show them. Array layers (conv, linear) have compute and stall cycles;
 * vector-unit layers (pooling, activations, batch norm, add, softmax) have vector cycles; a layer's total is the sum
 * of the three because the simulator runs layers one after another.
 *
 * @param name                    layer name
 * @param kind                    layer kind, e.g. {@code conv2d}
 * @param outputShape             output shape, e.g. {@code 1x64x55x55}
 * @param params                  learned parameters (elements)
 * @param macs                    multiply-accumulates
 * @param computeCycles           cycles the array spends computing (stall-free)
 * @param stallCycles             cycles the array waits for DRAM
 * @param vectorCycles            cycles on the vector unit
 * @param utilizationPct          MACs / (array cycles x PEs) x 100; 0 for layers that do not use the array
 * @param mappingEfficiencyPct    mean fraction of PEs holding work across folds x 100; 0 off the array
 * @param sramReadBytes           bytes read from all scratchpads
 * @param sramWriteBytes          bytes written to all scratchpads
 * @param dramReadBytes           bytes read from DRAM (all operands)
 * @param dramWriteBytes          bytes written to DRAM
 * @param stallFreeBytesPerCycle  DRAM bandwidth at which this layer would not stall (bytes/cycle)
 */
public record LayerStats(String name, String kind, String outputShape, long params, long macs, long computeCycles,
                         long stallCycles, long vectorCycles, double utilizationPct, double mappingEfficiencyPct,
                         long sramReadBytes, long sramWriteBytes, long dramReadBytes, long dramWriteBytes,
                         double stallFreeBytesPerCycle) {

    public LayerStats {
        if (computeCycles < 0 || stallCycles < 0 || vectorCycles < 0) {
            throw new IllegalArgumentException("layer '" + name + "': negative cycles");
        }
        if (macs < 0 || params < 0 || sramReadBytes < 0 || sramWriteBytes < 0 || dramReadBytes < 0
                || dramWriteBytes < 0) {
            throw new IllegalArgumentException("layer '" + name + "': negative count");
        }
    }

    /** compute + stall + vector (cycles). */
    public long totalCycles() {
        return computeCycles + stallCycles + vectorCycles;
    }

    /** DRAM bytes read and written. */
    public long dramBytes() {
        return dramReadBytes + dramWriteBytes;
    }

    /** Average DRAM bandwidth over the layer (bytes/cycle); 0 for a layer of zero cycles. */
    public double dramBytesPerCycle() {
        long t = totalCycles();
        return t == 0 ? 0 : (double) dramBytes() / t;
    }

    /** Arithmetic intensity: MACs per DRAM byte; 0 when the layer moves no DRAM bytes. */
    public double macsPerDramByte() {
        long b = dramBytes();
        return b == 0 ? 0 : (double) macs / b;
    }

    /** Achieved throughput: MACs per cycle over the layer's total cycles. */
    public double macsPerCycle() {
        long t = totalCycles();
        return t == 0 ? 0 : (double) macs / t;
    }

    /** True when the layer runs on the systolic array (it has MACs). */
    public boolean onArray() {
        return macs > 0;
    }
}
