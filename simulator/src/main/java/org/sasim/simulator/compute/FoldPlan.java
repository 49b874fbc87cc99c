package org.sasim.simulator.compute;

import org.sasim.simulator.mapping.ArrayMapping;

/** Per-fold shapes and scheduled stream starts of a layer, as flat arrays for the cycle-stepped engines. */
final class FoldPlan {
    final int count;
    final int[] group;
    final int[] rowFold;
    final int[] colFold;
    final int[] rows;
    final int[] cols;
    final long[] streamStart;

    FoldPlan(FoldSchedule schedule) {
        ArrayMapping m = schedule.mapping();
        count = Math.toIntExact(m.folds());
        group = new int[count];
        rowFold = new int[count];
        colFold = new int[count];
        rows = new int[count];
        cols = new int[count];
        streamStart = new long[count];
        int i = 0;
        for (FoldTiming f : schedule) {
            group[i] = f.group();
            rowFold[i] = f.rowFold();
            colFold[i] = f.colFold();
            rows[i] = f.rowsUsed();
            cols[i] = f.colsUsed();
            streamStart[i] = f.streamStartCycle();
            i++;
        }
    }
}
