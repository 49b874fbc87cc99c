package org.sasim.simulator.network;

import org.sasim.models.quant.WeightGranularity;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;

/**
 * How a network is simulated.
 *
 * @param convention        fold timing (sasim or scalesim)
 * @param engine            fast or cycle-stepped array engine (tensor runs)
 * @param threads           worker threads of the fast engine
 * @param keepOnChip        keep an activation on chip instead of a DRAM round trip when its only consumer runs next
 *                          and it fits half the IFMAP scratchpad
 * @param foldBatchNorm     fold every batch norm that directly follows a conv (whose output only it reads) into
 *                          that conv's weights and bias; the batch norm then costs no cycles and moves no bytes.
 *                          int8 accelerators always fold (docs/quantization.md)
 * @param weightGranularity int8 weight scales per tensor or per output channel (ignored for fp32 and bf16)
 */
public record SimulationOptions(TimingConvention convention, Engine engine, int threads, boolean keepOnChip,
                                boolean foldBatchNorm, WeightGranularity weightGranularity) {
    public SimulationOptions {
        if (convention == null || engine == null || threads <= 0 || weightGranularity == null) {
            throw new IllegalArgumentException("options need a convention, an engine, threads > 0 and a weight"
                    + " granularity");
        }
    }

    /** Batch norms on the vector unit, per-channel int8 weights. */
    public SimulationOptions(TimingConvention convention, Engine engine, int threads, boolean keepOnChip) {
        this(convention, engine, threads, keepOnChip, false, WeightGranularity.PER_CHANNEL);
    }

    /** sasim timing, fast engine, all available processors, activations through DRAM, batch norm unfolded. */
    public static SimulationOptions defaults() {
        return new SimulationOptions(TimingConvention.sasim(), Engine.FAST,
                Runtime.getRuntime().availableProcessors(), false);
    }

    public SimulationOptions withKeepOnChip(boolean keep) {
        return new SimulationOptions(convention, engine, threads, keep, foldBatchNorm, weightGranularity);
    }

    public SimulationOptions withConvention(TimingConvention c) {
        return new SimulationOptions(c, engine, threads, keepOnChip, foldBatchNorm, weightGranularity);
    }

    public SimulationOptions withFoldBatchNorm(boolean fold) {
        return new SimulationOptions(convention, engine, threads, keepOnChip, fold, weightGranularity);
    }

    public SimulationOptions withWeightGranularity(WeightGranularity g) {
        return new SimulationOptions(convention, engine, threads, keepOnChip, foldBatchNorm, g);
    }
}
