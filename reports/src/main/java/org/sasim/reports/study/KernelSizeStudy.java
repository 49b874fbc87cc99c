package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.ReceptiveField;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.NetworkTotals;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

/**
 * Why stacks of 3x3 kernels replaced large ones: one 5x5 vs two 3x3 and one 7x7 vs three 3x3 (same receptive field,
 * C -> C channels, no bias, 56x56 feature map) for several C, and AlexNet's 11x11/s4 conv1 against 3x3 stacks.
 * Params go from 25C^2 to 18C^2 and from 49C^2 to 27C^2; the study measures what that does to cycles and
 * utilization for each dataflow and a few array sizes.
 */
public final class KernelSizeStudy implements Study {
    /** Channel counts C of the C -> C comparisons. */
    public static final List<Integer> CHANNELS = List.of(64, 128, 256);
    /** Feature map side of the C -> C comparisons (a ResNet/VGG stage-2 size). */
    public static final int FEATURE_MAP = 56;
    /** Square array sides swept by default. */
    public static final List<Integer> ARRAY_SIDES = List.of(16, 32, 128);

    private final List<Integer> arraySides;

    /** The study over {@link #ARRAY_SIDES}. */
    public KernelSizeStudy() {
        this(ARRAY_SIDES);
    }

    /** The study over other square array sides (tests use fewer, as small arrays take longest to simulate). */
    public KernelSizeStudy(List<Integer> arraySides) {
        this.arraySides = List.copyOf(arraySides);
    }
    /** The C used for the cycle charts. */
    public static final int CHART_CHANNELS = 128;

    /** A kernel shape: {@code count} stacked {@code kernel x kernel} convs. */
    public record Stack(String label, int kernel, int count) {
    }

    /** The four stacks compared, as pairs (large, 3x3 stack). */
    public static final List<Stack> STACKS = List.of(new Stack("one 5x5", 5, 1), new Stack("two 3x3", 3, 2),
            new Stack("one 7x7", 7, 1), new Stack("three 3x3", 3, 3));

    @Override
    public String name() {
        return "kernel-size";
    }

    @Override
    public String description() {
        return "one 5x5 vs two 3x3, one 7x7 vs three 3x3, AlexNet 11x11/s4 vs 3x3 stacks: params, MACs, "
                + "receptive field, cycles, utilization";
    }

    /** {@code count} kxk convs C -> C, stride 1, 'same' padding, no bias, ReLU after each. */
    public static Network stack(Stack s, int channels) {
        List<Layer> layers = new ArrayList<>();
        String prev = Layer.NETWORK_INPUT;
        for (int i = 0; i < s.count(); i++) {
            String conv = "conv" + (i + 1);
            layers.add(Conv2d.square(conv, prev, channels, channels, s.kernel(), 1, s.kernel() / 2, false));
            layers.add(new Relu("relu" + (i + 1), conv));
            prev = "relu" + (i + 1);
        }
        return Network.of(s.label().replace(' ', '_') + "_c" + channels, Shape.nchw(1, channels, FEATURE_MAP,
                FEATURE_MAP), layers);
    }

    /** AlexNet's conv1 (3 -> 64, 11x11/s4, pad 2, 224 -> 55) and two 3x3 stacks with the same stride of 4. */
    public static Map<String, Network> alexNetConv1Variants() {
        Shape in = Shape.nchw(1, 3, 224, 224);
        Map<String, Network> m = new LinkedHashMap<>();
        m.put("11x11/s4", Network.of("conv1_11x11", in, List.of(Conv2d.square("conv1", "input", 3, 64, 11, 4, 2,
                true))));
        m.put("3x3/s2 + 3x3/s2", Network.of("conv1_2x3x3", in, List.of(
                Conv2d.square("conv1a", "input", 3, 64, 3, 2, 1, true), new Relu("relu1a", "conv1a"),
                Conv2d.square("conv1b", "relu1a", 64, 64, 3, 2, 1, true))));
        m.put("3x3/s2 + 3x3/s2 + 3x3", Network.of("conv1_3x3x3", in, List.of(
                Conv2d.square("conv1a", "input", 3, 64, 3, 2, 1, true), new Relu("relu1a", "conv1a"),
                Conv2d.square("conv1b", "relu1a", 64, 64, 3, 2, 1, true), new Relu("relu1b", "conv1b"),
                Conv2d.square("conv1c", "relu1b", 64, 64, 3, 1, 1, true))));
        return m;
    }

    /** Receptive field (pixels, one side) of a network's output. */
    public static int receptiveField(Network n) {
        ReceptiveField rf = n.receptiveFields().get(n.output().name());
        return rf.sizeH();
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        List<ChartFiles> charts = new ArrayList<>();
        StringBuilder md = new StringBuilder("# Study: kernel size\n\n");

        // Cycles and utilization at C = 128 over dataflow x array size.
        List<String> points = new ArrayList<>();
        Map<String, List<Double>> cycles = new LinkedHashMap<>();
        Map<String, List<Double>> util = new LinkedHashMap<>();
        for (Stack s : STACKS) {
            cycles.put(s.label(), new ArrayList<>());
            util.put(s.label(), new ArrayList<>());
        }
        for (Dataflow d : Dataflow.values()) {
            for (int side : arraySides) {
                points.add(d.shortName() + " " + side + "x" + side);
                Accelerator a = StudySimulation.withArray(accelerator, side, side, d);
                for (Stack s : STACKS) {
                    NetworkTotals t = StudySimulation.run(stack(s, CHART_CHANNELS), a, name()).totals();
                    cycles.get(s.label()).add((double) t.totalCycles());
                    util.get(s.label()).add(t.utilizationPct());
                }
            }
        }
        List<Series> cycleSeries = new ArrayList<>();
        List<Series> utilSeries = new ArrayList<>();
        for (Stack s : STACKS) {
            String col = s.label().replace(' ', '_');
            cycleSeries.add(new Series(s.label(), col + "_cycles", cycles.get(s.label())));
            utilSeries.add(new Series(s.label(), col + "_utilization_pct", util.get(s.label())));
        }
        charts.add(ChartWriter.write(new CategoryChart("Kernel size: cycles, " + CHART_CHANNELS + " -> "
                + CHART_CHANNELS + " channels, " + FEATURE_MAP + "x" + FEATURE_MAP, "dataflow and array",
                "cycles (compute + stall + vector)", "array", points, cycleSeries, CategoryStyle.GROUPED_BAR), dir,
                "cycles"));
        charts.add(ChartWriter.write(new CategoryChart("Kernel size: array utilization, C = " + CHART_CHANNELS,
                "dataflow and array", "utilization (%)", "array", points, utilSeries,
                CategoryStyle.GROUPED_BAR), dir, "utilization"));

        // Params and MACs per C.
        List<String> cs = CHANNELS.stream().map(c -> "C = " + c).toList();
        List<Series> paramSeries = new ArrayList<>();
        MarkdownTable counts = new MarkdownTable("C", "kernels", "params", "MACs", "receptive field (px)",
                "params / large kernel's");
        for (Stack s : STACKS) {
            List<Double> p = new ArrayList<>();
            for (int c : CHANNELS) {
                Network n = stack(s, c);
                p.add((double) n.params());
                Stack large = s.kernel() == 3 ? STACKS.get(STACKS.indexOf(s) - 1) : s;
                double ratio = (double) n.params() / stack(large, c).params();
                counts.row(c, s.label(), n.params(), n.macs(), receptiveField(n), ratio);
            }
            paramSeries.add(new Series(s.label(), s.label().replace(' ', '_') + "_params", p));
        }
        charts.add(ChartWriter.write(new CategoryChart("Kernel size: parameters of C -> C stacks",
                "channels C", "parameters (count)", "channels", cs, paramSeries, CategoryStyle.GROUPED_BAR), dir,
                "params"));

        // AlexNet conv1.
        Map<String, Network> conv1 = alexNetConv1Variants();
        MarkdownTable alex = new MarkdownTable("conv1 variant", "params", "MACs", "receptive field (px)",
                "output", "cycles " + accelerator.array(), "utilization %");
        List<String> dfs = new ArrayList<>();
        for (Dataflow d : Dataflow.values()) {
            dfs.add(d.shortName() + " " + accelerator.array().rows() + "x" + accelerator.array().cols());
        }
        List<Series> conv1Series = new ArrayList<>();
        int idx = 0;
        for (var e : conv1.entrySet()) {
            List<Double> v = new ArrayList<>();
            for (Dataflow d : Dataflow.values()) {
                v.add((double) StudySimulation.run(e.getValue(), StudySimulation.withArray(accelerator,
                        accelerator.array().rows(), accelerator.array().cols(), d), name()).totals().totalCycles());
            }
            conv1Series.add(new Series(e.getKey(), "variant" + (++idx) + "_cycles", v));
            NetworkRun r = StudySimulation.run(e.getValue(), accelerator, name());
            alex.row(e.getKey(), e.getValue().params(), e.getValue().macs(), receptiveField(e.getValue()),
                    e.getValue().outputShape().toString(), r.totals().totalCycles(), r.totals().utilizationPct());
        }
        charts.add(ChartWriter.write(new CategoryChart("AlexNet conv1: 11x11/s4 vs 3x3 stacks (224x224 input)",
                "dataflow and array", "cycles (compute + stall + vector)", "array", dfs, conv1Series,
                CategoryStyle.GROUPED_BAR), dir, "alexnet_conv1"));

        // Conclusion in numbers.
        int mid = arraySides.indexOf(32) >= 0 ? arraySides.indexOf(32) : 0;
        md.append("Two 3x3 convolutions cover the receptive field of one 5x5 with 18C^2 instead of 25C^2 weights "
                + "(72%), and three 3x3 cover a 7x7 with 27C^2 instead of 49C^2 (55%); MACs shrink by the same "
                + "ratios.\n\n");
        md.append("Measured cycles at C = ").append(CHART_CHANNELS).append(" (").append(FEATURE_MAP).append('x')
                .append(FEATURE_MAP).append("):\n\n");
        MarkdownTable cyc = new MarkdownTable("dataflow / array", "one 5x5", "two 3x3", "ratio", "one 7x7",
                "three 3x3", "ratio");
        for (int i = 0; i < points.size(); i++) {
            double c5 = cycles.get("one 5x5").get(i);
            double c33 = cycles.get("two 3x3").get(i);
            double c7 = cycles.get("one 7x7").get(i);
            double c333 = cycles.get("three 3x3").get(i);
            cyc.row(points.get(i), (long) c5, (long) c33, c33 / c5, (long) c7, (long) c333, c333 / c7);
        }
        md.append(cyc.render()).append('\n');
        double os32 = cycles.get("two 3x3").get(mid) / cycles.get("one 5x5").get(mid);
        md.append(String.format("On the os %dx%d array two 3x3 take %.1f%% of one 5x5's cycles (params: 72%%).%n%n",
                arraySides.get(mid), arraySides.get(mid), 100 * os32));
        md.append("## Parameters, MACs, receptive field\n\n").append(counts.render()).append('\n');
        md.append("## AlexNet conv1 on ").append(accelerator.array()).append("\n\n").append(alex.render())
                .append('\n');
        md.append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
