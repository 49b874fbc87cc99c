package org.sasim.simulator.mapping;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;

/**
 * How one group's GEMM goes onto the array under a dataflow: which GEMM dimension is spread over the array rows
 * ({@code spatialRows}), which over the columns ({@code spatialCols}), which is streamed in time, and how many
 * folds (placements of an array-sized tile) that takes. Column folds are the outer loop, row folds the inner one
 * (SCALE-Sim's order).
 *
 * @param dataflow    the dataflow
 * @param arrayRows   R, PE rows
 * @param arrayCols   C, PE columns
 * @param spatialRows GEMM extent mapped onto rows (os: M, ws: K, is: K)
 * @param spatialCols GEMM extent mapped onto columns (os: N, ws: N, is: M)
 * @param streamed    GEMM extent streamed through in time (os: K, ws: M, is: N)
 * @param groups      independent GEMMs run one after another
 */
public record ArrayMapping(Dataflow dataflow, int arrayRows, int arrayCols, int spatialRows, int spatialCols,
                           int streamed, int groups) {

    /** Places a GEMM on an array. */
    public static ArrayMapping of(Gemm g, ArraySpec array) {
        return switch (array.dataflow()) {
            case OUTPUT_STATIONARY -> new ArrayMapping(array.dataflow(), array.rows(), array.cols(), g.m(), g.n(),
                    g.k(), g.groups());
            case WEIGHT_STATIONARY -> new ArrayMapping(array.dataflow(), array.rows(), array.cols(), g.k(), g.n(),
                    g.m(), g.groups());
            case INPUT_STATIONARY -> new ArrayMapping(array.dataflow(), array.rows(), array.cols(), g.k(), g.m(),
                    g.n(), g.groups());
        };
    }

    /** ceil(spatialRows / R). */
    public int rowFolds() {
        return ceilDiv(spatialRows, arrayRows);
    }

    /** ceil(spatialCols / C). */
    public int colFolds() {
        return ceilDiv(spatialCols, arrayCols);
    }

    /** Folds per group. */
    public long foldsPerGroup() {
        return (long) rowFolds() * colFolds();
    }

    /** Folds over all groups. */
    public long folds() {
        return foldsPerGroup() * groups;
    }

    /** Rows in use in row fold {@code f} (the last fold may be partial). */
    public int rowsUsed(int f) {
        return Math.min(arrayRows, spatialRows - f * arrayRows);
    }

    /** Columns in use in column fold {@code f}. */
    public int colsUsed(int f) {
        return Math.min(arrayCols, spatialCols - f * arrayCols);
    }

    static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    /**
     * Equal when every component is (as a record's own equals). Written out because the generated one is bootstrapped
     * through method handles whose classes the JVM generates at first use: ~0.1 s of a one-run process, which
     * compares mappings while it looks for repeated layers.
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ArrayMapping m && dataflow == m.dataflow && arrayRows == m.arrayRows
                && arrayCols == m.arrayCols && spatialRows == m.spatialRows && spatialCols == m.spatialCols
                && streamed == m.streamed && groups == m.groups;
    }

    @Override
    public int hashCode() {
        int h = dataflow.ordinal();
        h = 31 * h + arrayRows;
        h = 31 * h + arrayCols;
        h = 31 * h + spatialRows;
        h = 31 * h + spatialCols;
        h = 31 * h + streamed;
        return 31 * h + groups;
    }
}
