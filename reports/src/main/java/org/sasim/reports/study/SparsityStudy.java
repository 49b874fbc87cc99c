package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

/**
 * How many zeros ReLU leaves, measured on real activations: the network runs with tensors on the simulated
 * datapath (seeded weights and input) and every layer output is counted as it is produced. Then the cycles an
 * ideal zero-skipping array would save, under the model {@link #ZERO_SKIPPING_MODEL}.
 */
public final class SparsityStudy implements Study {
    /** Networks measured by default. */
    public static final List<String> MODELS = List.of("alexnet", "resnet18");
    /** Seed of weights and input. */
    public static final long SEED = 1;
    /** The zero-skipping model, as stated in summaries. */
    public static final String ZERO_SKIPPING_MODEL = "An ideal zero-skipping array skips every multiply-accumulate "
            + "whose input activation is zero, at no cost, with perfect load balance: a conv/linear layer's compute "
            + "cycles shrink by the fraction of zeros in its input tensor (saved = compute cycles x input zero "
            + "fraction). Zero padding is not counted (it is not in the tensor); zero weights are not skipped; DRAM "
            + "stall and vector-unit cycles are unchanged. This is an upper bound: fill/drain overheads that do not "
            + "shrink, and lanes waiting for the slowest one, make real designs save less.";

    private final List<String> models;
    private final int inputSide;

    /** AlexNet and ResNet-18 at 224x224. */
    public SparsityStudy() {
        this(MODELS, 224);
    }

    /** Other zoo models or input size (tests use a smaller input: tensor runs cost time). */
    public SparsityStudy(List<String> models, int inputSide) {
        this.models = List.copyOf(models);
        this.inputSide = inputSide;
    }

    /** Zeros in one ReLU's output. */
    public record ReluZeros(String layer, long elements, long zeros) {
        public double fraction() {
            return (double) zeros / elements;
        }
    }

    /** One array layer with and without zero skipping. */
    public record SkippingLayer(String layer, double inputZeroFraction, long computeCycles, long totalCycles) {
        /** compute cycles x input zero fraction, rounded down. */
        public long savedCycles() {
            return (long) Math.floor(computeCycles * inputZeroFraction);
        }
    }

    /** A network's measurement. */
    public record Measurement(String model, List<ReluZeros> relus, List<SkippingLayer> arrayLayers, NetworkRun run) {
        /** Zeros over all ReLU outputs (element-weighted). */
        public double reluZeroFraction() {
            long e = relus.stream().mapToLong(ReluZeros::elements).sum();
            return e == 0 ? 0 : (double) relus.stream().mapToLong(ReluZeros::zeros).sum() / e;
        }

        public long savedCycles() {
            return arrayLayers.stream().mapToLong(SkippingLayer::savedCycles).sum();
        }
    }

    @Override
    public String name() {
        return "sparsity";
    }

    @Override
    public String description() {
        return "fraction of zeros after every ReLU on real activations (seeded weights and input), and the "
                + "cycles an ideal zero-skipping array would save";
    }

    /**
     * Runs {@code network} with tensors (seeded weights and input) and counts zeros. Values are computed in fp32 on
     * the simulated datapath ({@code bf16} when the accelerator is bf16; int8 accelerators use fp32 for the values,
     * as whole-network int8 runs need a quantization scheme); cycles are the timing run on {@code accelerator}.
     */
    public static Measurement measure(Network network, Accelerator accelerator, long seed) {
        Accelerator numeric = accelerator.datatype() == Datatype.INT8 ? accelerator.withDatatype(Datatype.FP32)
                : accelerator;
        Map<String, long[]> counts = new HashMap<>();
        FloatTensor input = SeededInput.generate(network, seed);
        counts.put(Layer.NETWORK_INPUT, count(input));
        new NetworkSimulator(numeric, SimulationOptions.defaults()).run(network, SeededWeights.generate(network,
                seed), input, (name, t) -> counts.put(name, count(t)));
        NetworkRun run = StudySimulation.run(network, accelerator, "sparsity");
        Map<String, LayerStats> stats = new LinkedHashMap<>();
        run.layers().forEach(l -> stats.put(l.name(), l));
        List<ReluZeros> relus = new ArrayList<>();
        List<SkippingLayer> array = new ArrayList<>();
        for (Node n : network.nodes()) {
            long[] c = counts.get(n.name());
            if (n.layer() instanceof Relu) {
                relus.add(new ReluZeros(n.name(), c[0], c[1]));
            }
            LayerStats s = stats.get(n.name());
            if (s.onArray()) {
                long[] in = counts.get(n.layer().inputs().get(0));
                array.add(new SkippingLayer(n.name(), (double) in[1] / in[0], s.computeCycles(), s.totalCycles()));
            }
        }
        return new Measurement(network.name(), relus, array, run);
    }

    /** {elements, exact zeros} of a tensor ({@code -0.0f} counts as zero). */
    static long[] count(FloatTensor t) {
        float[] d = t.data();
        long z = 0;
        for (float v : d) {
            if (v == 0f) {
                z++;
            }
        }
        return new long[] {d.length, z};
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        List<Measurement> ms = new ArrayList<>();
        for (String m : models) {
            ms.add(measure(ModelZoo.build(m, 1, inputSide, inputSide), accelerator, SEED));
        }
        List<ChartFiles> charts = new ArrayList<>();
        for (Measurement m : ms) {
            charts.add(ChartWriter.write(new CategoryChart(m.model() + ": zeros after each ReLU (seeded weights "
                    + "and input)", "ReLU layer", "zeros (% of the layer's output)", "layer",
                    m.relus().stream().map(ReluZeros::layer).toList(), List.of(new Series("zeros after ReLU",
                            "zero_pct", m.relus().stream().map(r -> 100 * r.fraction()).toList())),
                    CategoryStyle.GROUPED_BAR), dir, m.model() + "_relu_zeros"));
        }
        for (Measurement m : ms) {
            List<SkippingLayer> a = m.arrayLayers();
            charts.add(ChartWriter.write(new CategoryChart(m.model() + ": compute cycles with ideal zero skipping on "
                    + accelerator.array(), "layer (array layers)", "compute cycles", "layer",
                    a.stream().map(SkippingLayer::layer).toList(), List.of(
                            Series.ofLongs("dense", "dense_compute_cycles", a.stream()
                                    .map(SkippingLayer::computeCycles).toList()),
                            Series.ofLongs("zero skipping (ideal)", "skipping_compute_cycles", a.stream()
                                    .map(l -> l.computeCycles() - l.savedCycles()).toList())),
                    CategoryStyle.GROUPED_BAR), dir, m.model() + "_zero_skipping"));
        }

        StringBuilder md = new StringBuilder("# Study: activation sparsity after ReLU\n\n");
        md.append(String.format("Measured on real activations: each network runs with tensors on the simulated "
                + "datapath (seeded weights and input, seed %d, %dx%d input) and every ReLU output is counted. "
                + "**These are synthetic weights**: seeded He-uniform weights are symmetric around zero, so about "
                + "half of the pre-activations are negative and ReLU zeroes about 50%% of them. Trained weights give "
                + "other sparsity; this study does not load trained weights, so it does not measure "
                + "that. Values are computed in %s on the simulated datapath; cycles come from the timing run "
                + "on %s (%s).%n%n", SEED, inputSide, inputSide, accelerator.datatype() == Datatype.INT8 ? "fp32 "
                + "(whole-network int8 runs need a quantization scheme sasim does not have yet)"
                : accelerator.datatype().toString(), accelerator.name(), accelerator.datatype()));
        for (Measurement m : ms) {
            double min = m.relus().stream().mapToDouble(ReluZeros::fraction).min().orElse(0);
            double max = m.relus().stream().mapToDouble(ReluZeros::fraction).max().orElse(0);
            long compute = m.run().totals().computeCycles();
            long total = m.run().totals().totalCycles();
            md.append(String.format("- %s: %.1f%% of all ReLU outputs are zero (%d ReLUs, %.1f%% .. %.1f%% per "
                            + "layer). Ideal zero skipping on %s saves %,d of %,d compute cycles (%.1f%%), i.e. "
                            + "%.1f%% of the %,d total cycles (compute + stall + vector).%n", m.model(),
                    100 * m.reluZeroFraction(), m.relus().size(), 100 * min, 100 * max, accelerator.array(),
                    m.savedCycles(), compute, 100.0 * m.savedCycles() / compute, 100.0 * m.savedCycles() / total,
                    total));
        }
        md.append("\nZero-skipping model: ").append(ZERO_SKIPPING_MODEL).append("\n\n");
        for (Measurement m : ms) {
            md.append("## ").append(m.model()).append("\n\n");
            MarkdownTable r = new MarkdownTable("ReLU", "elements", "zeros", "zeros %");
            m.relus().forEach(x -> r.row(x.layer(), x.elements(), x.zeros(), 100 * x.fraction()));
            md.append(r.render()).append('\n');
            MarkdownTable s = new MarkdownTable("array layer", "input zeros %", "compute cycles", "saved cycles",
                    "layer total cycles");
            m.arrayLayers().forEach(x -> s.row(x.layer(), 100 * x.inputZeroFraction(), x.computeCycles(),
                    x.savedCycles(), x.totalCycles()));
            md.append(s.render()).append('\n');
        }
        md.append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
