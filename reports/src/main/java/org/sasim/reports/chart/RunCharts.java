package org.sasim.reports.chart;

import java.util.List;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;

/**
 * The standard charts of one simulated network: cycles per layer split into compute / stall / vector, array
 * utilization per layer, average DRAM bandwidth per layer, and the roofline.
 */
public final class RunCharts {
    /** File names (without extension) of the charts, in report order. */
    public static final List<String> NAMES = List.of("cycles", "utilization", "dram_bandwidth", "roofline");

    private RunCharts() {
    }

    /** Stacked compute / stall / vector cycles per layer. */
    public static CategoryChart cycles(NetworkRun run) {
        List<LayerStats> ls = run.layers();
        return new CategoryChart(run.model() + ": cycles per layer on " + run.accelerator().array(), "layer",
                "cycles", "layer", names(ls), List.of(
                        Series.ofLongs("compute", "compute_cycles", ls.stream().map(LayerStats::computeCycles)
                                .toList()),
                        Series.ofLongs("DRAM stall", "stall_cycles", ls.stream().map(LayerStats::stallCycles)
                                .toList()),
                        Series.ofLongs("vector unit", "vector_cycles", ls.stream().map(LayerStats::vectorCycles)
                                .toList())),
                CategoryStyle.STACKED_BAR);
    }

    /** Utilization of the array-mapped layers (vector layers do not use the array and are left out). */
    public static CategoryChart utilization(NetworkRun run) {
        List<LayerStats> ls = run.layers().stream().filter(LayerStats::onArray).toList();
        return new CategoryChart(run.model() + ": array utilization per layer", "layer (array layers)",
                "utilization (%)", "layer", names(ls), List.of(
                        new Series("utilization incl. stalls", "utilization_pct",
                                ls.stream().map(LayerStats::utilizationPct).toList()),
                        new Series("mapping efficiency", "mapping_efficiency_pct",
                                ls.stream().map(LayerStats::mappingEfficiencyPct).toList())),
                CategoryStyle.LINE);
    }

    /** Average DRAM bandwidth of each layer, with the stall-free bandwidth it would need. */
    public static CategoryChart dramBandwidth(NetworkRun run) {
        List<LayerStats> ls = run.layers();
        return new CategoryChart(run.model() + ": DRAM bandwidth per layer (limit "
                + fmt(run.accelerator().memory().dramBytesPerCycle()) + " bytes/cycle)", "layer",
                "DRAM bandwidth (bytes / cycle)", "layer", names(ls), List.of(
                        new Series("average used", "dram_bytes_per_cycle",
                                ls.stream().map(LayerStats::dramBytesPerCycle).toList()),
                        new Series("needed to never stall", "stall_free_dram_bytes_per_cycle",
                                ls.stream().map(LayerStats::stallFreeBytesPerCycle).toList())),
                CategoryStyle.LINE);
    }

    /** Layers on the accelerator's roofline. */
    public static XyChart roofline(NetworkRun run) {
        return Roofline.chart(run.model() + ": roofline on " + run.accelerator().array(), run.accelerator(),
                run.layers());
    }

    /** The four charts in {@link #NAMES} order. */
    public static List<Chart> all(NetworkRun run) {
        return List.of(cycles(run), utilization(run), dramBandwidth(run), roofline(run));
    }

    private static List<String> names(List<LayerStats> ls) {
        return ls.stream().map(LayerStats::name).toList();
    }

    private static String fmt(double v) {
        if (Double.isInfinite(v)) {
            return "unlimited";
        }
        return v == Math.rint(v) ? Long.toString((long) v) : String.format("%.2f", v);
    }
}
