package org.sasim.simulator.arch;

/**
 * The systolic array: {@code rows} x {@code cols} processing elements and its dataflow.
 *
 * @param rows     PE rows (SCALE-Sim's ArrayHeight)
 * @param cols     PE columns (SCALE-Sim's ArrayWidth)
 * @param dataflow what stays in the PEs
 */
public record ArraySpec(int rows, int cols, Dataflow dataflow) {
    public ArraySpec {
        if (rows <= 0 || cols <= 0) {
            throw new IllegalArgumentException("array must have positive rows and cols, got " + rows + "x" + cols);
        }
        if (dataflow == null) {
            throw new IllegalArgumentException("array dataflow is missing");
        }
    }

    /** Number of processing elements. */
    public long pes() {
        return (long) rows * cols;
    }

    @Override
    public String toString() {
        return rows + "x" + cols + " " + dataflow;
    }
}
