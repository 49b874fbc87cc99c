package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * Why sasim os streams the next fold at s + max(T, 2r - 1) (docs/timing.md): on a 4 x 1 array, GEMM M = 8, N = 1,
 * K = T = 3, two row folds of r = 4. Fold 0's row-i' result sits in row i of the upward output chain at
 * T-1+2i'-i; fold 1 (stream start d) inserts its row-i result at d+T-1+i. They meet in one register iff
 * d = 2(i'-i) (even d up to 2r-2 = 6); odd d below 2r-1 = 7 meets nowhere but delivers a fold-1 result before fold
 * 0's last one. d = 7 is the schedule's start.
 */
class OutputChainOrderTest {
    private static final Gemm G = new Gemm(8, 1, 3, 1);
    private static final ArraySpec ARRAY = new ArraySpec(4, 1, Dataflow.OUTPUT_STATIONARY);

    private static CycleRun runAt(long d) {
        int[] a = new int[8 * 3];
        int[] b = {1, 1, 1};
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
        return new OutputStationary().runWithStreamStarts(new GemmOperands(G, Datatype.INT8, a, b), ARRAY,
                new long[] {0, d});
    }

    @Test
    void evenOffsetsBelowTwoRMinusOneCollideInTheChain() {
        for (long d : new long[] {4, 6}) {
            StructuralHazardException e = assertThrows(StructuralHazardException.class, () -> runAt(d));
            assertTrue(e.getMessage().contains("output chain collision"), e.getMessage());
        }
    }

    @Test
    void oddOffsetsBelowTwoRMinusOneWriteFoldsOutOfOrder() {
        for (long d : new long[] {3, 5}) {
            StructuralHazardException e = assertThrows(StructuralHazardException.class, () -> runAt(d));
            assertTrue(e.getMessage().contains("after one of fold 1"), e.getMessage());
        }
    }

    @Test
    void theScheduleStartTwoRMinusOneRunsAndSumsEachRow() {
        // output m = sum over k of A[m][k] = 3m + (3m+1) + (3m+2) = 9m + 3
        int[] expected = new int[8];
        for (int m = 0; m < 8; m++) {
            expected[m] = 9 * m + 3;
        }
        assertArrayEquals(expected, runAt(7).output());
        long[] scheduled = new long[2];
        for (FoldTiming f : FoldSchedule.of(G, ARRAY, TimingConvention.sasim())) {
            scheduled[(int) f.index()] = f.streamStartCycle();
        }
        assertArrayEquals(new long[] {0, 7}, scheduled);
    }
}
