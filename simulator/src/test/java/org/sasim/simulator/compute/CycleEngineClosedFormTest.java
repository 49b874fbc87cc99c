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

/** The cycle-stepped engines, run, against the closed-form fold schedules (layer cycles and every fold's end). */
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

    @Test
    void everyFoldEndsWhereTheClosedFormSays() {
        Random rnd = new Random(7);
        int cases = 0;
        for (int trial = 0; trial < 150; trial++) {
            Gemm g = new Gemm(1 + rnd.nextInt(12), 1 + rnd.nextInt(12), 1 + rnd.nextInt(12), 1 + rnd.nextInt(2));
            ArraySpec shape = new ArraySpec(1 + rnd.nextInt(6), 1 + rnd.nextInt(6), Dataflow.OUTPUT_STATIONARY);
            GemmOperands op = random(g, Datatype.INT8, rnd);
            for (Dataflow df : Dataflow.values()) {
                ArraySpec arr = new ArraySpec(shape.rows(), shape.cols(), df);
                for (TimingConvention tc : CONVENTIONS) {
                    FoldSchedule s = new FoldSchedule(ArrayMapping.of(g, arr), tc);
                    CycleRun run = SystolicEngine.of(df).run(op, arr, tc);
                    String what = g + " on " + arr + " " + tc;
                    assertEquals(s.cycles(), run.cycles(), what);
                    assertArrayEquals(closedFormEnds(s), run.foldEnds(), what);
                    cases++;
                }
            }
        }
        assertEquals(150 * 9, cases);
    }
}
