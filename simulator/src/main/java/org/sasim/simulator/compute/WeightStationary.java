package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.Gemm;

/**
 * Weight-stationary array, cycle by cycle: PE(k, j) holds B[k][n_j]; row k streams A[0..M-1][k]; partial sums of
 * output (m, n_j) flow down column j. See {@link StationaryCore} for the cycle rules.
 */
public final class WeightStationary implements SystolicEngine {
    @Override
    public CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention) {
        if (array.dataflow() != Dataflow.WEIGHT_STATIONARY) {
            throw new IllegalArgumentException("weight-stationary engine given a " + array.dataflow() + " array");
        }
        Gemm g = op.gemm();
        return StationaryCore.run(op, array, convention, StationaryLayout.weightStationary(g.m(), g.n(), g.k()));
    }
}
