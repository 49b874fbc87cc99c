package org.sasim.reports.run;

import java.util.List;
import org.sasim.simulator.arch.Accelerator;

/**
 * One network simulated on one accelerator: what a report is made of.
 *
 * @param model       model name, e.g. {@code vgg16}
 * @param inputShape  network input shape, e.g. {@code 1x3x224x224}
 * @param accelerator the accelerator it ran on
 * @param layers      per-layer results in execution order
 * @param provenance  version, workload hash, seed
 */
public record NetworkRun(String model, String inputShape, Accelerator accelerator, List<LayerStats> layers,
                         Provenance provenance) {
    public NetworkRun {
        layers = List.copyOf(layers);
        if (layers.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one layer");
        }
    }

    /** Network totals (sums over layers). */
    public NetworkTotals totals() {
        return NetworkTotals.of(layers, accelerator);
    }
}
