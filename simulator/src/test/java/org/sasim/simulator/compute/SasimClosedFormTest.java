package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.Gemm;

/**
 * Hand-derived fold schedules on a 2x2 array for the GEMM M = N = K = 3. Both spatial extents are 3, so there are
 * 2 row folds x 2 column folds, in order (cf0,rf0) r=2 c=2; (cf0,rf1) r=1 c=2; (cf1,rf0) r=2 c=1;
 * (cf1,rf1) r=1 c=1, and T = 3 for every dataflow.
 */
class SasimClosedFormTest {
    private static final Gemm G = new Gemm(3, 3, 3, 1);

    private static List<long[]> startEnd(Dataflow df, TimingConvention tc) {
        List<long[]> out = new ArrayList<>();
        for (FoldTiming f : FoldSchedule.of(G, new ArraySpec(2, 2, df), tc)) {
            out.add(new long[] {f.streamStartCycle(), f.endCycle()});
        }
        return out;
    }

    private static void assertFolds(long[][] expected, List<long[]> actual) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i][0], actual.get(i)[0], "stream start of fold " + i);
            assertEquals(expected[i][1], actual.get(i)[1], "end of fold " + i);
        }
    }

    @Test
    void outputStationaryTinyCase() {
        // s0 = 0, end = s + T + 2r + c - 2, next s = s + max(T, 2r - 1):
        // f0: s=0, end 0+3+4+2-2 = 7; f1: s=0+max(3,3)=3, end 3+3+2+2-2 = 8;
        // f2: s=3+max(3,1)=6, end 6+3+4+1-2 = 12; f3: s=6+3=9, end 9+3+2+1-2 = 13. Layer: 13 cycles.
        assertFolds(new long[][] {{0, 7}, {3, 8}, {6, 12}, {9, 13}},
                startEnd(Dataflow.OUTPUT_STATIONARY, TimingConvention.sasim()));
        assertEquals(13, FoldSchedule.of(G, new ArraySpec(2, 2, Dataflow.OUTPUT_STATIONARY),
                TimingConvention.sasim()).cycles());
    }

    @Test
    void weightStationaryShadowTinyCase() {
        // s0 = r0 = 2 (load), end = s + T + R + c - 1 = s + 4 + c, next s = s + max(T, r') = s + 3:
        // f0: 2, 8; f1: 5, 11; f2: 8, 13; f3: 11, 16.
        assertFolds(new long[][] {{2, 8}, {5, 11}, {8, 13}, {11, 16}},
                startEnd(Dataflow.WEIGHT_STATIONARY, TimingConvention.sasim()));
    }

    @Test
    void weightStationaryWithoutShadowTinyCase() {
        // next s = s + T + r': f0: 2, 8; f1: 2+3+1 = 6, 12; f2: 6+3+2 = 11, 16; f3: 11+3+1 = 15, 20.
        assertFolds(new long[][] {{2, 8}, {6, 12}, {11, 16}, {15, 20}},
                startEnd(Dataflow.WEIGHT_STATIONARY, new SasimConvention(false)));
    }

    @Test
    void scaleSimTinyCaseChargesFullArray() {
        // os per fold T+R+C-2 = 3+2+2-2 = 5; ws 2R+C+T-2 = 4+2+3-2 = 7; 4 folds; total folds*per_fold - 1.
        assertEquals(4 * 5 - 1, FoldSchedule.of(G, new ArraySpec(2, 2, Dataflow.OUTPUT_STATIONARY),
                TimingConvention.scaleSim()).cycles());
        assertEquals(4 * 7 - 1, FoldSchedule.of(G, new ArraySpec(2, 2, Dataflow.INPUT_STATIONARY),
                TimingConvention.scaleSim()).cycles());
    }

    @Test
    void sasimPartialFoldsMoveOnlyUsedWords() {
        // ws: filter loads r*c per fold = 3*3 = 9 in total; IFMAP r*T summed over row folds = K*M = 9 per column
        // fold, 2 column folds = 18; OFMAP writes c*T per fold = 3*3*2 row folds = 18; read-back for rf1 = 9.
        assertEquals(new SramAccesses(18, 9, 9, 18), FoldSchedule.of(G, new ArraySpec(2, 2,
                Dataflow.WEIGHT_STATIONARY), TimingConvention.sasim()).sram());
    }

    @Test
    void stationaryEnginesDiscoverTheTinyCaseStreamStarts() {
        // The engines find these from their registers: with shadow registers fold f+1's load starts when PE(0,0)
        // swaps in fold f (its stream start) and takes r' cycles, and the left edge is busy T = 3 cycles per fold,
        // so s' = s + max(3, r'): 2, 5, 8, 11. Without them the load waits for PE(0,0)'s last MAC (s + T - 1):
        // s' = s + T + r': 2, 6, 11, 15.
        GemmOperands op = CycleEngineClosedFormTest.random(G, org.sasim.simulator.arch.Datatype.INT8,
                new java.util.Random(2));
        for (Dataflow df : new Dataflow[] {Dataflow.WEIGHT_STATIONARY, Dataflow.INPUT_STATIONARY}) {
            ArraySpec arr = new ArraySpec(2, 2, df);
            assertArrayEquals(new long[] {2, 5, 8, 11},
                    SystolicEngine.of(df).run(op, arr, TimingConvention.sasim()).streamStarts(), df.name());
            assertArrayEquals(new long[] {2, 6, 11, 15},
                    SystolicEngine.of(df).run(op, arr, new SasimConvention(false)).streamStarts(), df.name());
        }
    }

    @Test
    void cycleSteppedEnginesRunTheTinyCaseInTheDerivedCycles() {
        GemmOperands op = CycleEngineClosedFormTest.random(G, org.sasim.simulator.arch.Datatype.FP32,
                new java.util.Random(1));
        assertEquals(13, new OutputStationary().run(op, new ArraySpec(2, 2, Dataflow.OUTPUT_STATIONARY),
                TimingConvention.sasim()).cycles());
        assertEquals(16, new WeightStationary().run(op, new ArraySpec(2, 2, Dataflow.WEIGHT_STATIONARY),
                TimingConvention.sasim()).cycles());
        assertEquals(16, new InputStationary().run(op, new ArraySpec(2, 2, Dataflow.INPUT_STATIONARY),
                TimingConvention.sasim()).cycles());
        assertEquals(20, new WeightStationary().run(op, new ArraySpec(2, 2, Dataflow.WEIGHT_STATIONARY),
                new SasimConvention(false)).cycles());
        assertEquals(19, new OutputStationary().run(op, new ArraySpec(2, 2, Dataflow.OUTPUT_STATIONARY),
                TimingConvention.scaleSim()).cycles());
        assertEquals(27, new InputStationary().run(op, new ArraySpec(2, 2, Dataflow.INPUT_STATIONARY),
                TimingConvention.scaleSim()).cycles());
    }
}
