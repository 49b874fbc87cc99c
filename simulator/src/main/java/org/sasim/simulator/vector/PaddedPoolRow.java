package org.sasim.simulator.vector;

/**
 * One input row of a max pool laid out for folds over whole vectors: the row's values at {@code [left, left +
 * width)} of a buffer whose other entries hold the max's identity (-infinity, or -128 in int8), so that the window of
 * output {@code o} is the {@code kernel} entries from {@code o * stride}, padding and ceil-mode overhang included,
 * and folding the identity in changes no bit. Lengths are rounded up to {@link #ROUND} so that the lane loops run
 * on whole vectors, with no element-at-a-time tail.
 *
 * @param left      the padding before the row (entries)
 * @param positions window starts folded per row, {@code (outputs - 1) * stride + 1} rounded up to {@link #ROUND}
 * @param length    buffer length: every window of every fold position, and the whole row, fit
 * @param outputs   outputs per row, rounded up to {@link #ROUND} (the stride of the per-row results)
 */
record PaddedPoolRow(int left, int positions, int length, int outputs) {
    /** A multiple of every vector length in elements (16 floats or 64 bytes at 512 bits). */
    static final int ROUND = 64;

    static PaddedPoolRow of(int width, int outputs, int kernel, int stride, int padding) {
        int positions = roundUp((outputs - 1) * stride + 1);
        return new PaddedPoolRow(padding, positions, Math.max(positions + kernel - 1, padding + width),
                roundUp(outputs));
    }

    private static int roundUp(int n) {
        return (n + ROUND - 1) / ROUND * ROUND;
    }
}
