package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.Gemm;

/**
 * fp32 accumulation order decides the bits. One output, K = 5, terms x = (1e8, 0, 4, 4, 0) (a = x, b = 1), on a 2x2
 * array. The float ulp at 1e8 is 8, so 1e8 + 4 is a tie and rounds to even: back to 1e8.
 * os: (((1e8 + 0) + 4) + 4) + 0 = 1e8. ws/is: row folds of R = 2: psums (1e8 + 0), (4 + 4), (0), added in order:
 * ((0 + 1e8) + 8) + 0 = 100000008.
 */
class PeAccumulationOrderTest {
    private static int run(Dataflow df, Engine engine) {
        float[] x = {1e8f, 0f, 4f, 4f, 0f};
        int[] a = new int[5];
        int[] b = new int[5];
        for (int k = 0; k < 5; k++) {
            a[k] = Float.floatToRawIntBits(x[k]);
            b[k] = Float.floatToRawIntBits(1f);
        }
        GemmOperands op = new GemmOperands(new Gemm(1, 1, 5, 1), Datatype.FP32, a, b);
        ArraySpec arr = new ArraySpec(2, 2, df);
        int[] out = engine == Engine.CYCLE ? SystolicEngine.of(df).run(op, arr, TimingConvention.sasim()).output()
                : new FastGemm(1).multiply(op, arr);
        return out[0];
    }

    @Test
    void outputStationaryAccumulatesSequentially() {
        for (Engine e : Engine.values()) {
            assertEquals(Float.floatToRawIntBits(1e8f), run(Dataflow.OUTPUT_STATIONARY, e), e.name());
        }
    }

    @Test
    void stationaryDataflowsAddRowFoldPartialSums() {
        for (Dataflow df : new Dataflow[] {Dataflow.WEIGHT_STATIONARY, Dataflow.INPUT_STATIONARY}) {
            for (Engine e : Engine.values()) {
                assertEquals(Float.floatToRawIntBits(100000008f), run(df, e), df + " " + e);
            }
        }
    }
}
