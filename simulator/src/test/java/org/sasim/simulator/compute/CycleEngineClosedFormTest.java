package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Gemm;

/**
 * The cycle-stepped engines, run, against the closed-form fold schedules: layer cycles, every fold's stream start
 * (discovered by the engine except for sasim os, whose controller takes the schedule's) and every fold's end
 * (measured). Random GEMMs up to 40 x 40 x 40 (1-2 groups) on arrays up to 12 x 12, and up to 160 x 160 x 160 on
 * arrays of 8 to 40 rows and columns, each dataflow and convention.
 */
class CycleEngineClosedFormTest {
    private static final List<TimingConvention> CONVENTIONS = List.of(TimingConvention.scaleSim(),
            TimingConvention.sasim(), new SasimConvention(false));

    static GemmOperands random(Gemm g, Datatype d, Random rnd) {
        int[] a = new int[g.groups() * g.m() * g.k()];
        int[] b = new int[g.groups() * g.k() * g.n()];
        for (int[] arr : new int[][] {a, b}) {
            for (int i = 0; i < arr.length; i++) {
                arr[i] = d == Datatype.INT8 ? rnd.nextInt(256) - 128
                        : GemmOperands.word((float) rnd.nextGaussian(), d);
            }
        }
        return new GemmOperands(g, d, a, b);
    }

    private static long[] closedFormEnds(FoldSchedule s) {
        long[] e = new long[(int) s.folds()];
        for (FoldTiming f : s) {
            e[(int) f.index()] = f.endCycle();
        }
        return e;
    }

    private static long[] closedFormStreamStarts(FoldSchedule s) {
        long[] e = new long[(int) s.folds()];
        for (FoldTiming f : s) {
            e[(int) f.index()] = f.streamStartCycle();
        }
        return e;
    }

    @Test
    void everyFoldStartsAndEndsWhereTheClosedFormSays() {
        Random rnd = new Random(7);
        int cases = 0;
        for (int trial = 0; trial < 400; trial++) {
            int dim = trial < 200 ? 12 : 40;
            Gemm g = new Gemm(1 + rnd.nextInt(dim), 1 + rnd.nextInt(dim), 1 + rnd.nextInt(dim), 1 + rnd.nextInt(2));
            ArraySpec shape = new ArraySpec(1 + rnd.nextInt(12), 1 + rnd.nextInt(12), Dataflow.OUTPUT_STATIONARY);
            GemmOperands op = random(g, trial % 2 == 0 ? Datatype.INT8 : Datatype.FP32, rnd);
            for (Dataflow df : Dataflow.values()) {
                ArraySpec arr = new ArraySpec(shape.rows(), shape.cols(), df);
                for (TimingConvention tc : CONVENTIONS) {
                    FoldSchedule s = new FoldSchedule(ArrayMapping.of(g, arr), tc);
                    CycleRun run = SystolicEngine.of(df).run(op, arr, tc);
                    String what = g + " on " + arr + " " + tc;
                    assertEquals(s.cycles(), run.cycles(), what);
                    assertArrayEquals(closedFormStreamStarts(s), run.streamStarts(), what);
                    assertArrayEquals(closedFormEnds(s), run.foldEnds(), what);
                    cases++;
                }
            }
        }
        assertEquals(400 * 9, cases);
    }

    @Test
    void largerLayersOnLargerArraysStartAndEndWhereTheClosedFormSays() {
        Random rnd = new Random(11);
        int cases = 0;
        for (int trial = 0; trial < 16; trial++) {
            Gemm g = new Gemm(1 + rnd.nextInt(160), 1 + rnd.nextInt(160), 1 + rnd.nextInt(160), 1);
            int rows = 8 + rnd.nextInt(33);
            int cols = 8 + rnd.nextInt(33);
            GemmOperands op = random(g, trial % 2 == 0 ? Datatype.INT8 : Datatype.BF16, rnd);
            for (Dataflow df : Dataflow.values()) {
                ArraySpec arr = new ArraySpec(rows, cols, df);
                for (TimingConvention tc : CONVENTIONS) {
                    FoldSchedule s = new FoldSchedule(ArrayMapping.of(g, arr), tc);
                    CycleRun run = SystolicEngine.of(df).run(op, arr, tc);
                    String what = g + " on " + arr + " " + tc;
                    assertArrayEquals(closedFormStreamStarts(s), run.streamStarts(), what);
                    assertArrayEquals(closedFormEnds(s), run.foldEnds(), what);
                    assertEquals(s.cycles(), run.cycles(), what);
                    cases++;
                }
            }
        }
        assertEquals(16 * 9, cases);
    }
}
