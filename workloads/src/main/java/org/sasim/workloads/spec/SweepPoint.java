package org.sasim.workloads.spec;

import java.util.Map;
import org.sasim.simulator.arch.Accelerator;

/**
 * One point of a sweep: the workload with each swept field set to one of its values.
 *
 * @param index       position in the sweep's deterministic order (first swept field outermost), from 0
 * @param settings    swept field path to the value used, as written in the workload (in sweep order)
 * @param model       the model at this point
 * @param accelerator the accelerator at this point
 */
public record SweepPoint(int index, Map<String, String> settings, ModelSpec model, Accelerator accelerator) {
    public SweepPoint {
        settings = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
    }
}
