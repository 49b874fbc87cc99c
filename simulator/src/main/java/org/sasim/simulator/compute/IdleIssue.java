package org.sasim.simulator.compute;

/**
 * SCALE-Sim's fold issue, as the scalesim controller of both engines discovers it: the next fold may be issued once
 * the previous fold's streams have all entered the array and, in the last cycle, no word was left that would move
 * on to another PE (the array has gone idle; words in the last row or column just leave).
 */
final class IdleIssue {
    private boolean moving;

    /**
     * Whether fold {@code issued} may be issued at {@code cycle}, folds before it having started streaming at
     * {@code streamStarts} ({@code steps} words on each of up to {@code ports} ports).
     */
    boolean ready(long cycle, long[] streamStarts, int issued, int steps, int ports) {
        return !moving && (issued == 0 || !EdgePorts.stillDriving(cycle, streamStarts[issued - 1], steps, ports));
    }

    /** Observes this cycle's registers: words moving right across {@code across}, down {@code down}. */
    void observe(RegisterPlane across, RegisterPlane down) {
        moving = across.anyMovesRight() || down.anyMovesDown();
    }
}
