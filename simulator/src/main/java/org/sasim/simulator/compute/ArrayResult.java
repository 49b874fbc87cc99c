package org.sasim.simulator.compute;

import java.util.Optional;
import org.sasim.models.tensor.Tensor;

/**
 * One conv or linear layer executed on the systolic array.
 *
 * @param macs               multiply-accumulates (all groups)
 * @param folds              folds (all groups)
 * @param cycles             compute cycles under the convention (cycles)
 * @param mappingEfficiency  mean over folds of the fraction of PEs holding work (0..1)
 * @param utilization        {@code macs / (cycles * R * C)} (0..1)
 * @param computeUtilization the convention's compute utilization (SCALE-Sim's "Compute Util" in the scalesim
 *                           convention; see {@link TimingConvention#computeUtilCycles}) (0..1)
 * @param sram               words moved between the SRAMs and the array edges
 * @param output             the output tensor (FloatTensor for fp32/bf16, IntTensor of int32 accumulators for int8),
 *                           bias added; empty for a timing-only run
 */
public record ArrayResult(long macs, long folds, long cycles, double mappingEfficiency, double utilization,
                          double computeUtilization, SramAccesses sram, Optional<Tensor> output) {

    /** The timing-only result of a schedule. */
    public static ArrayResult timing(FoldSchedule s) {
        return new ArrayResult(s.macs(), s.folds(), s.cycles(), s.mappingEfficiency(), s.utilization(),
                s.computeUtilization(), s.sram(), Optional.empty());
    }

    /** Same result with an output tensor. */
    public ArrayResult withOutput(Tensor t) {
        return new ArrayResult(macs, folds, cycles, mappingEfficiency, utilization, computeUtilization, sram,
                Optional.of(t));
    }
}
