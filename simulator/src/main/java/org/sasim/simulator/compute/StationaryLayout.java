package org.sasim.simulator.compute;

/**
 * Where a weight- or input-stationary array finds its operands: flat-array strides of the stationary operand
 * (by group, PE row = k, PE column), of the streamed operand (by group, PE row = k, stream step) and of the output
 * (by group, PE column, stream step).
 */
record StationaryLayout(boolean stationaryFromB, long statGroup, int statRow, int statCol, long strGroup, int strRow,
                        int strStep, long outGroup, int outCol, int outStep) {

    /** ws: B[k][n] stationary, A[m][k] streamed (step = m), output [m][n]. */
    static StationaryLayout weightStationary(int m, int n, int k) {
        return new StationaryLayout(true, (long) k * n, n, 1, (long) m * k, 1, k, (long) m * n, 1, n);
    }

    /** is: A[m][k] stationary (column = m), B[k][n] streamed (step = n), output [m][n]. */
    static StationaryLayout inputStationary(int m, int n, int k) {
        return new StationaryLayout(false, (long) m * k, 1, k, (long) k * n, n, 1, (long) m * n, n, 1);
    }
}
