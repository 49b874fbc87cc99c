package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.Roofline;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.simulator.arch.Accelerator;

/**
 * Every array layer of a network against the accelerator's roofline: the compute roof (one MAC per PE per cycle)
 * and the DRAM-bandwidth roof (bytes/cycle x MACs per DRAM byte). A layer's arithmetic intensity is its MACs over
 * the DRAM bytes it really moved (reads and writes, re-fetches included), so it depends on the scratchpads as well
 * as on the layer's shape.
 */
public final class RooflineStudy implements Study {
    /** The network placed on the roofline. */
    public static final String MODEL = "resnet18";

    private final int inputSide;

    /** ResNet-18 at 224x224. */
    public RooflineStudy() {
        this(224);
    }

    /** ResNet-18 at another input size (tests use a smaller one). */
    public RooflineStudy(int inputSide) {
        this.inputSide = inputSide;
    }

    @Override
    public String name() {
        return "roofline";
    }

    @Override
    public String description() {
        return "every ResNet-18 layer against the accelerator's compute roof and DRAM-bandwidth roof "
                + "(arithmetic intensity = MACs / DRAM byte)";
    }

    /** ResNet-18 at 1x3xSIDExSIDE. */
    public static Network network(int side) {
        return ModelZoo.build(MODEL, 1, side, side);
    }

    /** True when a layer's intensity is left of the ridge: the DRAM roof caps it below the compute roof. */
    public static boolean bandwidthBound(Accelerator a, LayerStats l) {
        return l.macsPerDramByte() < Roofline.ridge(a);
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        NetworkRun run = StudySimulation.run(network(inputSide), accelerator, name());
        List<LayerStats> array = run.layers().stream().filter(LayerStats::onArray).toList();
        List<ChartFiles> charts = new ArrayList<>();
        charts.add(ChartWriter.write(Roofline.chart("ResNet-18 (" + inputSide + "x" + inputSide + ") on the roofline of " + accelerator.array()
                + " (" + bandwidth(accelerator) + " bytes/cycle)", accelerator, run.layers()), dir, "roofline"));
        List<String> names = array.stream().map(LayerStats::name).toList();
        charts.add(ChartWriter.write(new CategoryChart("ResNet-18: achieved vs attainable throughput per layer",
                "layer", "throughput (MACs / cycle)", "layer", names, List.of(
                        new Series("attainable (roofline)", "attainable_macs_per_cycle", array.stream()
                                .map(l -> Roofline.attainable(accelerator, l.macsPerDramByte())).toList()),
                        new Series("achieved", "achieved_macs_per_cycle", array.stream()
                                .map(LayerStats::macsPerCycle).toList())), CategoryStyle.GROUPED_BAR), dir,
                "achieved_vs_attainable"));

        double ridge = Roofline.ridge(accelerator);
        long bound = array.stream().filter(l -> bandwidthBound(accelerator, l)).count();
        long boundCycles = array.stream().filter(l -> bandwidthBound(accelerator, l))
                .mapToLong(LayerStats::totalCycles).sum();
        long arrayCycles = array.stream().mapToLong(LayerStats::totalCycles).sum();
        StringBuilder md = new StringBuilder("# Study: roofline (ResNet-18)\n\n");
        md.append(String.format("On %s the compute roof is %,d MACs/cycle (%d x %d PEs) and the DRAM roof is %s "
                        + "bytes/cycle x intensity; they meet at the ridge, %.1f MACs per DRAM byte.%n%n",
                accelerator.name(), accelerator.array().pes(), accelerator.array().rows(),
                accelerator.array().cols(), bandwidth(accelerator), ridge));
        md.append(String.format("%d of the %d array layers are bandwidth bound (intensity below the ridge); they "
                        + "take %,d of the %,d array-layer cycles (%.1f%%). Network intensity: %.1f MACs per DRAM "
                        + "byte; network throughput %.1f MACs/cycle (%.1f%% of the compute roof).%n%n", bound,
                array.size(), boundCycles, arrayCycles, 100.0 * boundCycles / arrayCycles,
                run.totals().macsPerDramByte(), (double) run.totals().macs() / run.totals().totalCycles(),
                100.0 * run.totals().macs() / run.totals().totalCycles() / accelerator.array().pes()));
        md.append("Intensity = the layer's MACs / the DRAM bytes it moved (reads + writes, re-fetches included). "
                + "Achieved = MACs / (compute + stall cycles, stalls including the first-tile load and the last write-back).\n\n");
        MarkdownTable t = new MarkdownTable("layer", "MACs", "DRAM bytes", "MACs / DRAM byte",
                "attainable MACs/cycle", "achieved MACs/cycle", "% of attainable", "bound");
        for (LayerStats l : array) {
            double att = Roofline.attainable(accelerator, l.macsPerDramByte());
            t.row(l.name(), l.macs(), l.dramBytes(), l.macsPerDramByte(), att, l.macsPerCycle(),
                    100 * l.macsPerCycle() / att, bandwidthBound(accelerator, l) ? "bandwidth" : "compute");
        }
        md.append(t.render()).append('\n');
        md.append("Vector-unit layers (batch norm, ReLU, pooling, adds) have no MACs and are not on the roofline; "
                + String.format("they add %,d cycles (vector + their DRAM stalls) to the network's %,d.%n%n",
                run.layers().stream().filter(l -> !l.onArray()).mapToLong(LayerStats::totalCycles).sum(),
                run.totals().totalCycles()));
        md.append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }

    private static String bandwidth(Accelerator a) {
        double bw = a.memory().dramBytesPerCycle();
        return Double.isInfinite(bw) ? "unlimited" : bw == Math.rint(bw) ? Long.toString((long) bw)
                : String.format("%.2f", bw);
    }
}
