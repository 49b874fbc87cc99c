package org.sasim.simulator.vector;

/**
 * Cost of one layer on the vector unit.
 *
 * @param operations      lane operations: the unit's work before dividing by the lanes (see {@link VectorCostModel})
 * @param cycles          {@code ceil(operations / lanes)} (cycles)
 * @param inputElements   elements read from the input tensor(s)
 * @param outputElements  elements written
 * @param sramReadsWords  scratchpad words the lanes read (a pooling window tap is one read)
 * @param sramWritesWords scratchpad words the lanes write
 */
public record VectorOpCost(long operations, long cycles, long inputElements, long outputElements,
                           long sramReadsWords, long sramWritesWords) {
    /** A re-view of the data (flatten, dropout at inference): no work, no traffic. */
    public static final VectorOpCost FREE = new VectorOpCost(0, 0, 0, 0, 0, 0);

    public boolean isFree() {
        return operations == 0 && inputElements == 0;
    }
}
