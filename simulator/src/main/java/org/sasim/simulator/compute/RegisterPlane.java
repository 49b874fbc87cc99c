package org.sasim.simulator.compute;

/**
 * One register of every PE of an R x C array, row-major: the word each holds and its {@link FoldTag}. Moving the
 * plane one PE right, down or up latches every register from its neighbour's previous-cycle value at once (one
 * overlapping array copy), with the edge PEs taking the edge ports' words.
 */
final class RegisterPlane {
    final int rows;
    final int cols;
    final int[] word;
    final long[] tag;

    RegisterPlane(int rows, int cols) {
        this.rows = rows;
        this.cols = cols;
        this.word = new int[rows * cols];
        this.tag = new long[rows * cols];
    }

    /** Every PE takes its left neighbour's register; column 0 takes the left edge. */
    void shiftRight(EdgePorts left) {
        int n = word.length;
        System.arraycopy(word, 0, word, 1, n - 1);
        System.arraycopy(tag, 0, tag, 1, n - 1);
        for (int i = 0, x = 0; i < rows; i++, x += cols) {
            word[x] = left.word[i];
            tag[x] = left.tag[i];
        }
    }

    /** Every PE takes the register of the PE above; row 0 takes the top edge. */
    void shiftDown(EdgePorts top) {
        int n = word.length;
        System.arraycopy(word, 0, word, cols, n - cols);
        System.arraycopy(tag, 0, tag, cols, n - cols);
        System.arraycopy(top.word, 0, word, 0, cols);
        System.arraycopy(top.tag, 0, tag, 0, cols);
    }

    /** Every PE takes the register of the PE below; the bottom row empties. */
    void shiftUp() {
        int n = word.length;
        System.arraycopy(word, cols, word, 0, n - cols);
        System.arraycopy(tag, cols, tag, 0, n - cols);
        java.util.Arrays.fill(tag, n - cols, n, FoldTag.EMPTY);
    }

    /** Whether no register holds a word. */
    boolean isEmpty() {
        long any = 0;
        for (long t : tag) {
            any |= t;
        }
        return any == 0;
    }

    /** Whether some word would move on to another PE if the plane shifted right (it is not in the last column). */
    boolean anyMovesRight() {
        long any = 0;
        for (int i = 0, x = 0; i < rows; i++, x += cols) {
            for (int j = 0; j < cols - 1; j++) {
                any |= tag[x + j];
            }
        }
        return any != 0;
    }

    /** Whether some word would move on to another PE if the plane shifted down (it is not in the last row). */
    boolean anyMovesDown() {
        long any = 0;
        for (int x = 0; x < word.length - cols; x++) {
            any |= tag[x];
        }
        return any != 0;
    }
}
