package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.RunCharts;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.NetworkTotals;
import org.sasim.simulator.arch.Accelerator;

/**
 * What a learned stride-2 convolution costs compared with max pooling: AlexNet and VGG-16 as built against their
 * all-convolutional variants ({@link AllConvolutional}).
 */
public final class PoolingVsStridedStudy implements Study {
    /** Models compared. */
    public static final List<String> MODELS = List.of("alexnet", "vgg16");
    /** Variant labels, in chart order. */
    public static final List<String> VARIANTS = List.of("max-pool (as built)", "pool -> 3x3/s2 conv",
            "stride 2 in next conv");

    @Override
    public String name() {
        return "pooling-vs-strided";
    }

    @Override
    public String description() {
        return "AlexNet and VGG-16 vs all-convolutional variants (pool -> 3x3/s2 conv; stride moved into the next "
                + "conv): params, MACs, cycles, DRAM traffic, utilization";
    }

    /** The three variants of a zoo model at 1x3x224x224, in {@link #VARIANTS} order. */
    public static List<Network> variants(String model) {
        Network base = ModelZoo.build(model, 1, 224, 224);
        return List.of(base, AllConvolutional.poolsAsStridedConvs(base), AllConvolutional.strideIntoNextConv(base));
    }

    /** The network with every max-pool replaced by an average pool of the same window (padding counted). */
    public static Network maxPoolsAsAverage(Network n) {
        List<Layer> layers = new ArrayList<>();
        for (Node x : n.nodes()) {
            layers.add(x.layer() instanceof MaxPool2d p ? new AvgPool2d(p.name(), p.input(), p.kernel(), p.stride(),
                    p.padding(), p.ceilMode(), true) : x.layer());
        }
        return Network.of(n.name() + "_avgpool", n.inputShape(), layers);
    }

    /** Vector-unit cycles of the layers of {@code kind} in a run, without ({@code withDram} false) or with stalls. */
    private static long poolCycles(NetworkRun r, String kind, boolean withDram) {
        return r.layers().stream().filter(l -> l.kind().equals(kind))
                .mapToLong(l -> l.vectorCycles() + (withDram ? l.stallCycles() : 0)).sum();
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        Map<String, List<NetworkRun>> runs = new LinkedHashMap<>();
        Map<String, List<Network>> nets = new LinkedHashMap<>();
        for (String m : MODELS) {
            List<Network> vs = variants(m);
            nets.put(m, vs);
            runs.put(m, vs.stream().map(n -> StudySimulation.run(n, accelerator, name())).toList());
        }
        List<ChartFiles> charts = new ArrayList<>();
        List<Series> cycles = new ArrayList<>();
        List<Series> macs = new ArrayList<>();
        List<Series> dram = new ArrayList<>();
        for (int v = 0; v < VARIANTS.size(); v++) {
            int vi = v;
            String col = "variant" + (v + 1);
            // Relative to the model as built, so AlexNet and VGG-16 share one axis.
            cycles.add(new Series(VARIANTS.get(v), col + "_cycles_pct_of_built", MODELS.stream().map(m ->
                    100.0 * runs.get(m).get(vi).totals().totalCycles() / runs.get(m).get(0).totals().totalCycles())
                    .toList()));
            macs.add(new Series(VARIANTS.get(v), col + "_macs_pct_of_built", MODELS.stream().map(m ->
                    100.0 * nets.get(m).get(vi).macs() / nets.get(m).get(0).macs()).toList()));
            dram.add(new Series(VARIANTS.get(v), col + "_dram_bytes_pct_of_built", MODELS.stream().map(m ->
                    100.0 * runs.get(m).get(vi).totals().dramBytes() / runs.get(m).get(0).totals().dramBytes())
                    .toList()));
        }
        charts.add(ChartWriter.write(new CategoryChart("Max-pool vs strided conv: cycles on " + accelerator.array(),
                "model", "cycles (% of the model as built)", "model", MODELS, cycles, CategoryStyle.GROUPED_BAR),
                dir, "cycles"));
        charts.add(ChartWriter.write(new CategoryChart("Max-pool vs strided conv: MACs", "model",
                "MACs (% of the model as built)", "model", MODELS, macs, CategoryStyle.GROUPED_BAR), dir, "macs"));
        charts.add(ChartWriter.write(new CategoryChart("Max-pool vs strided conv: DRAM traffic", "model",
                "DRAM bytes (% of the model as built)", "model", MODELS, dram, CategoryStyle.GROUPED_BAR), dir,
                "dram"));
        NetworkRun vggAllConv = runs.get("vgg16").get(1);
        charts.add(ChartWriter.write(RunCharts.cycles(vggAllConv), dir, "vgg16_allconv_cycles_per_layer"));

        StringBuilder md = new StringBuilder("# Study: pooling vs strided convolution\n\n");
        MarkdownTable t = new MarkdownTable("model", "variant", "params", "MACs", "compute cycles", "stall cycles",
                "vector cycles", "total cycles", "DRAM bytes", "utilization %");
        for (String m : MODELS) {
            for (int v = 0; v < VARIANTS.size(); v++) {
                Network n = nets.get(m).get(v);
                NetworkTotals x = runs.get(m).get(v).totals();
                t.row(m, VARIANTS.get(v), n.params(), n.macs(), x.computeCycles(), x.stallCycles(),
                        x.vectorCycles(), x.totalCycles(),
                        x.dramBytes(), x.utilizationPct());
            }
        }
        for (String m : MODELS) {
            Network b = nets.get(m).get(0);
            Network a = nets.get(m).get(1);
            Network s = nets.get(m).get(2);
            NetworkTotals tb = runs.get(m).get(0).totals();
            md.append(String.format("- %s: replacing each max-pool by a 3x3/s2 conv adds %,d params (+%.2f%%) and "
                            + "%,d MACs (+%.1f%%), and %.1f%% more cycles; moving the stride into the next conv "
                            + "changes MACs by %+.1f%% and cycles by %+.1f%%.%n", m, a.params() - b.params(),
                    100.0 * (a.params() - b.params()) / b.params(), a.macs() - b.macs(),
                    100.0 * (a.macs() - b.macs()) / b.macs(),
                    100.0 * (runs.get(m).get(1).totals().totalCycles() - tb.totalCycles()) / tb.totalCycles(),
                    100.0 * (s.macs() - b.macs()) / b.macs(),
                    100.0 * (runs.get(m).get(2).totals().totalCycles() - tb.totalCycles()) / tb.totalCycles()));
        }
        md.append("\nThe stride-in-next-conv variant keeps the last pool of each model as a 3x3/s2 conv, because no "
                + "convolution follows it.\n\n");
        md.append("Max vs average pooling on the vector unit (the same windows). Average pooling needs one add per "
                + "window tap and one scale per output, max pooling one compare per tap; each pooling layer also "
                + "streams its input from and its output to DRAM, and takes max(vector cycles, DRAM cycles):\n\n");
        MarkdownTable pools = new MarkdownTable("model", "pooling layers", "max-pool vector cycles",
                "avg-pool vector cycles", "avg / max (vector)", "max-pool cycles with DRAM",
                "avg-pool cycles with DRAM", "share of the built model's total cycles");
        for (String m : MODELS) {
            NetworkRun built = runs.get(m).get(0);
            NetworkRun avg = StudySimulation.run(maxPoolsAsAverage(nets.get(m).get(0)), accelerator, name());
            long max = poolCycles(built, "maxpool2d", false);
            long av = poolCycles(avg, "avgpool2d", false);
            long maxAll = poolCycles(built, "maxpool2d", true);
            long avAll = poolCycles(avg, "avgpool2d", true);
            t.row(m, "avg-pool instead of max-pool", nets.get(m).get(0).params(), nets.get(m).get(0).macs(),
                    avg.totals().computeCycles(), avg.totals().stallCycles(), avg.totals().vectorCycles(),
                    avg.totals().totalCycles(), avg.totals().dramBytes(), avg.totals().utilizationPct());
            pools.row(m, built.layers().stream().filter(l -> l.kind().equals("maxpool2d")).count(), max, av,
                    (double) av / max, maxAll, avAll, String.format("%.2f%%", 100.0 * maxAll
                            / built.totals().totalCycles()));
        }
        md.append(pools.render()).append('\n');
        md.append(t.render()).append('\n');
        md.append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
