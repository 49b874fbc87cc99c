package org.sasim.simulator.compute;

/**
 * One fold (one placement of an array-sized tile of the GEMM) in execution order.
 *
 * @param index       position in execution order, from 0
 * @param group       GEMM group (outermost loop)
 * @param rowFold     row fold (inner loop)
 * @param colFold     column fold (middle loop)
 * @param rowsUsed    PE rows holding work in this fold
 * @param colsUsed    PE columns holding work in this fold
 * @param streamed    length of the streamed dimension T (words per edge port)
 * @param startCycle  cycle at which the fold's first word enters the array: its first stationary word for ws/is,
 *                    its first streamed word for os (cycles from the layer's start)
 * @param streamStartCycle cycle at which its first streamed word enters the array (cycles)
 * @param endCycle    one past the last cycle in which the fold occupies the array or writes an output (cycles,
 *                    exclusive)
 * @param sram        words moved between the SRAMs and the array edges for this fold
 */
public record FoldTiming(long index, int group, int rowFold, int colFold, int rowsUsed, int colsUsed, int streamed,
                         long startCycle, long streamStartCycle, long endCycle, SramAccesses sram) {

    /** Multiply-accumulates performed by this fold. */
    public long macs() {
        return (long) rowsUsed * colsUsed * streamed;
    }

    /** Cycles from start to end. */
    public long span() {
        return endCycle - startCycle;
    }
}
