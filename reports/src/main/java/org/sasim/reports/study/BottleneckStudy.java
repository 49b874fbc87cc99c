package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.NetworkTotals;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Im2colMapping;

/**
 * Why ResNet-50 uses the 1x1 bottleneck: 256 -> 64 (1x1) -> 64 (3x3) -> 256 (1x1) against two 3x3 256 -> 256
 * convolutions, on a 56x56 feature map (ResNet stage 2), no bias as in ResNet: params, MACs, cycles, utilization,
 * and how each layer's GEMM maps onto the array.
 */
public final class BottleneckStudy implements Study {
    /** Channels at the block's input and output. */
    public static final int WIDE = 256;
    /** Channels inside the bottleneck. */
    public static final int NARROW = 64;
    /** Feature map side. */
    public static final int FEATURE_MAP = 56;
    /** Square array sides swept by default. */
    public static final List<Integer> ARRAY_SIDES = List.of(16, 32, 128);

    private final List<Integer> arraySides;

    /** The study over {@link #ARRAY_SIDES}. */
    public BottleneckStudy() {
        this(ARRAY_SIDES);
    }

    /** The study over other square array sides (tests use fewer, as small arrays take longest to simulate). */
    public BottleneckStudy(List<Integer> arraySides) {
        this.arraySides = List.copyOf(arraySides);
    }

    @Override
    public String name() {
        return "bottleneck";
    }

    @Override
    public String description() {
        return "ResNet 256-64-64-256 bottleneck vs two 3x3 256->256 convs: params, MACs, cycles, utilization, "
                + "array mapping";
    }

    /** The bottleneck block's convolutions (residual add omitted: it is the same in both variants). */
    public static Network bottleneck() {
        return Network.of("bottleneck", input(), List.<Layer>of(
                Conv2d.square("conv1_1x1", "input", WIDE, NARROW, 1, 1, 0, false), new Relu("relu1", "conv1_1x1"),
                Conv2d.square("conv2_3x3", "relu1", NARROW, NARROW, 3, 1, 1, false), new Relu("relu2", "conv2_3x3"),
                Conv2d.square("conv3_1x1", "relu2", NARROW, WIDE, 1, 1, 0, false)));
    }

    /** The basic alternative at the same width: two 3x3 convolutions 256 -> 256. */
    public static Network twoThreeByThree() {
        return Network.of("two_3x3", input(), List.<Layer>of(
                Conv2d.square("conv1_3x3", "input", WIDE, WIDE, 3, 1, 1, false), new Relu("relu1", "conv1_3x3"),
                Conv2d.square("conv2_3x3", "relu1", WIDE, WIDE, 3, 1, 1, false)));
    }

    private static Shape input() {
        return Shape.nchw(1, WIDE, FEATURE_MAP, FEATURE_MAP);
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        Network b = bottleneck();
        Network t = twoThreeByThree();
        List<String> points = new ArrayList<>();
        List<Double> bc = new ArrayList<>();
        List<Double> tc = new ArrayList<>();
        List<Double> bu = new ArrayList<>();
        List<Double> tu = new ArrayList<>();
        for (Dataflow d : Dataflow.values()) {
            for (int side : arraySides) {
                points.add(d.shortName() + " " + side + "x" + side);
                Accelerator a = StudySimulation.withArray(accelerator, side, side, d);
                NetworkTotals x = StudySimulation.run(b, a, name()).totals();
                NetworkTotals y = StudySimulation.run(t, a, name()).totals();
                bc.add((double) x.totalCycles());
                tc.add((double) y.totalCycles());
                bu.add(x.utilizationPct());
                tu.add(y.utilizationPct());
            }
        }
        List<ChartFiles> charts = new ArrayList<>();
        charts.add(ChartWriter.write(new CategoryChart("Bottleneck vs two 3x3: cycles (256 channels, 56x56)",
                "dataflow and array", "cycles (compute + stall + vector)", "array", points,
                List.of(new Series("bottleneck 1x1-3x3-1x1", "bottleneck_cycles", bc),
                        new Series("two 3x3", "two_3x3_cycles", tc)), CategoryStyle.GROUPED_BAR), dir, "cycles"));
        charts.add(ChartWriter.write(new CategoryChart("Bottleneck vs two 3x3: array utilization",
                "dataflow and array", "utilization (%)", "array", points,
                List.of(new Series("bottleneck 1x1-3x3-1x1", "bottleneck_utilization_pct", bu),
                        new Series("two 3x3", "two_3x3_utilization_pct", tu)), CategoryStyle.GROUPED_BAR), dir,
                "utilization"));

        NetworkRun rb = StudySimulation.run(b, accelerator, name());
        NetworkRun rt = StudySimulation.run(t, accelerator, name());
        List<LayerStats> layers = new ArrayList<>(rb.layers());
        layers.addAll(rt.layers());
        List<String> names = new ArrayList<>();
        for (int i = 0; i < layers.size(); i++) {
            names.add((i < rb.layers().size() ? "bottleneck " : "two 3x3 ") + layers.get(i).name());
        }
        charts.add(ChartWriter.write(new CategoryChart("Per-layer utilization on " + accelerator.array(),
                "layer", "utilization (%)", "layer", names,
                List.of(new Series("utilization incl. stalls", "utilization_pct",
                                layers.stream().map(LayerStats::utilizationPct).toList()),
                        new Series("mapping efficiency", "mapping_efficiency_pct",
                                layers.stream().map(LayerStats::mappingEfficiencyPct).toList())),
                CategoryStyle.GROUPED_BAR), dir, "layer_utilization"));

        StringBuilder md = new StringBuilder("# Study: bottleneck\n\n");
        md.append(String.format("The bottleneck has %,d params and %,d MACs; two 3x3 256 -> 256 convs have %,d "
                        + "params and %,d MACs (%.1fx more). ", b.params(), b.macs(), t.params(), t.macs(),
                (double) t.params() / b.params()));
        int here = points.indexOf(accelerator.array().dataflow().shortName() + " " + accelerator.array().rows()
                + "x" + accelerator.array().cols());
        if (here >= 0) {
            md.append(String.format("On %s the bottleneck takes %,d cycles against %,d (%.1fx fewer), at %.1f%% "
                    + "vs %.1f%% utilization.", accelerator.array(), bc.get(here).longValue(),
                    tc.get(here).longValue(), tc.get(here) / bc.get(here), bu.get(here), tu.get(here)));
        }
        md.append("\n\n");
        MarkdownTable cyc = new MarkdownTable("dataflow / array", "bottleneck cycles", "two 3x3 cycles",
                "two 3x3 / bottleneck", "bottleneck util %", "two 3x3 util %");
        for (int i = 0; i < points.size(); i++) {
            cyc.row(points.get(i), bc.get(i).longValue(), tc.get(i).longValue(), tc.get(i) / bc.get(i), bu.get(i),
                    tu.get(i));
        }
        md.append(cyc.render()).append('\n');
        md.append("## How the layers map onto a ").append(accelerator.array().rows()).append('x')
                .append(accelerator.array().cols()).append(" array\n\n");
        md.append("GEMM view: M = output pixels, N = filters, K = kernel taps x input channels. A 1x1 conv has "
                + "K = input channels only, so on ws/is (K on the rows) a 64-channel 1x1 fills 64 rows; on os "
                + "(M x N on the array) the 3136 output pixels keep every row busy.\n\n");
        MarkdownTable map = new MarkdownTable("layer", "M", "N", "K", "dataflow", "folds", "mapping efficiency %",
                "compute cycles");
        for (Network net : List.of(b, t)) {
            for (Node n : net.nodes()) {
                var g = Im2colMapping.gemmOf(n);
                if (g.isEmpty()) {
                    continue;
                }
                for (Dataflow d : Dataflow.values()) {
                    ArrayMapping m = ArrayMapping.of(g.get(), StudySimulation.withArray(accelerator,
                            accelerator.array().rows(), accelerator.array().cols(), d).array());
                    FoldSchedule s = new FoldSchedule(m, TimingConvention.sasim());
                    map.row(net.name() + " " + n.name(), g.get().m(), g.get().n(), g.get().k(), d.shortName(),
                            m.folds(), 100 * s.mappingEfficiency(), s.cycles());
                }
            }
        }
        md.append(map.render()).append('\n').append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
