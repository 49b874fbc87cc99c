package org.sasim.simulator.compute;

/**
 * The tag every word in the array carries with it, packed in a {@code long} so that a register plane moves its
 * tags with one array copy. An operand or partial-sum tag names the fold, the stream step and whether that step is
 * the fold's last; it is negative for padding (scalesim sweeps unused rows and columns with padding tokens that
 * occupy wires but do no MAC). A result tag (os output chain) names the fold and the output word's index.
 * {@link #EMPTY} (0) is an empty register.
 */
final class FoldTag {
    static final long EMPTY = 0;

    private FoldTag() {
    }

    /** Tag of step {@code step} (0-based) of fold {@code fold}; {@code last}: step T-1; {@code real}: not padding. */
    static long operand(int fold, int step, boolean last, boolean real) {
        long t = ((long) (fold + 1) << 32) | ((long) step << 1) | (last ? 1 : 0);
        return real ? t : -t;
    }

    /** Tag of a finished output word of {@code fold} bound for output index {@code index}. */
    static long result(int fold, int index) {
        return ((long) (fold + 1) << 32) | (index & 0xFFFF_FFFFL);
    }

    /** The fold (from 0) of a non-empty operand or result tag. */
    static int fold(long tag) {
        return (int) (Math.abs(tag) >>> 32) - 1;
    }

    /** The stream step of an operand tag. */
    static int step(long tag) {
        return (int) ((Math.abs(tag) >>> 1) & 0x7FFF_FFFF);
    }

    /** Whether an operand tag is its fold's last stream step. */
    static boolean isLast(long tag) {
        return (Math.abs(tag) & 1) != 0;
    }

    /** The output index of a result tag. */
    static int index(long tag) {
        return (int) tag;
    }

    /** Whether two operand tags are the same fold and step (real or padding). */
    static boolean sameStep(long a, long b) {
        return Math.abs(a) == Math.abs(b);
    }

    /** Whether two non-empty tags belong to the same fold. */
    static boolean sameFold(long a, long b) {
        return Math.abs(a) >>> 32 == Math.abs(b) >>> 32;
    }
}
