package org.sasim.workloads.spec;

import org.sasim.models.quant.WeightGranularity;

/**
 * How to simulate, independent of what (the model) and on what (the accelerator).
 *
 * @param convention timing convention: sasim's own model or SCALE-Sim v2's, reproduced exactly
 * @param engine     closed-form fast engine or the cycle-stepped engine
 * @param verify     also run the reference engine and compare every layer's output
 * @param threads    worker threads for sweeps (results do not depend on it)
 * @param seed       seed for generated weights and inputs that do not name their own
 * @param tensors    compute real output tensors on the simulated datapath; false runs timing only (cycles, stalls
 *                   and traffic, which do not depend on the values, much faster)
 * @param foldBatchNorm     fold every batch norm that directly follows a conv into that conv (no vector-unit cycles,
 *                          no DRAM bytes for it); int8 accelerators always fold (docs/quantization.md)
 * @param weightGranularity int8 weight scales per output channel or per tensor (ignored for fp32 and bf16)
 */
public record SimulationOptions(Convention convention, Engine engine, boolean verify, int threads, long seed,
                                boolean tensors, boolean foldBatchNorm, WeightGranularity weightGranularity) {
    /** Timing conventions. */
    public enum Convention { SASIM, SCALESIM }

    /** Simulation engines. */
    public enum Engine { FAST, CYCLE }

    /**
     * sasim convention, fast engine, no verification, one thread, seed 1, with tensors, batch norms unfolded,
     * per-channel int8 weights.
     */
    public static SimulationOptions defaults() {
        return new SimulationOptions(Convention.SASIM, Engine.FAST, false, 1, 1, true, false,
                WeightGranularity.PER_CHANNEL);
    }

    /** The same options, timing only. */
    public SimulationOptions timingOnly() {
        return new SimulationOptions(convention, engine, verify, threads, seed, false, foldBatchNorm,
                weightGranularity);
    }
}
