package org.sasim.simulator.compute;

import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.Gemm;

/**
 * Input-stationary array, cycle by cycle: PE(k, j) holds A[m_j][k]; row k streams B[k][0..N-1]; partial sums of
 * output (m_j, n) flow down column j. See {@link StationaryCore} for the cycle rules.
 */
public final class InputStationary implements SystolicEngine {
    @Override
    public CycleRun run(GemmOperands op, ArraySpec array, TimingConvention convention) {
        if (array.dataflow() != Dataflow.INPUT_STATIONARY) {
            throw new IllegalArgumentException("input-stationary engine given a " + array.dataflow() + " array");
        }
        Gemm g = op.gemm();
        return StationaryCore.run(op, array, convention, StationaryLayout.inputStationary(g.m(), g.n(), g.k()));
    }
}
