package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
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
import org.sasim.reports.run.NetworkTotals;
import org.sasim.simulator.arch.Accelerator;

/**
 * Why global average pooling replaced VGG's fully connected head: VGG-16 with its 25088-4096-4096-1000 head against
 * the same features followed by global average pooling and one 512 -> 1000 linear layer (batch 1, 224x224).
 */
public final class FcVsGapStudy implements Study {
    @Override
    public String name() {
        return "fc-vs-gap";
    }

    @Override
    public String description() {
        return "VGG-16's 4096-4096 FC head vs global average pooling + one linear layer: params, cycles, DRAM "
                + "bytes; batch-1 FC layers are bandwidth bound";
    }

    /** VGG-16 at 1x3x224x224 as built. */
    public static Network vgg16() {
        return ModelZoo.build("vgg16", 1, 224, 224);
    }

    /** VGG-16's feature layers, then global average pooling, flatten and one linear layer to 1000 classes. */
    public static Network vgg16Gap() {
        Network v = vgg16();
        List<Layer> layers = new ArrayList<>();
        String last = null;
        int channels = 0;
        for (Node n : v.nodes()) {
            if (n.name().startsWith("features.")) {
                layers.add(n.layer());
                last = n.name();
                channels = n.outputShape().channels();
            }
        }
        layers.add(new GlobalAvgPool("gap", last));
        layers.add(new Flatten("flatten", "gap"));
        layers.add(new Linear("fc", "flatten", channels, ModelZoo.IMAGENET_CLASSES, true));
        return Network.of("vgg16_gap", v.inputShape(), layers);
    }

    /** Params of a network's linear layers. */
    public static long linearParams(Network n) {
        return n.nodes().stream().filter(x -> x.layer() instanceof Linear).mapToLong(Node::params).sum();
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        Network fc = vgg16();
        Network gap = vgg16Gap();
        NetworkRun rf = StudySimulation.run(fc, accelerator, name());
        NetworkRun rg = StudySimulation.run(gap, accelerator, name());
        NetworkTotals tf = rf.totals();
        NetworkTotals tg = rg.totals();
        List<String> cats = List.of("params (M)", "cycles (M)", "DRAM bytes (MB)");
        List<ChartFiles> charts = new ArrayList<>();
        charts.add(ChartWriter.write(new CategoryChart("VGG-16: FC head vs global average pooling on "
                + accelerator.array(), "quantity", "millions (params, cycles, DRAM bytes)", "quantity", cats,
                List.of(new Series("FC head (4096-4096-1000)", "fc_head_millions", List.of(fc.params() / 1e6,
                                tf.totalCycles() / 1e6, tf.dramBytes() / 1e6)),
                        new Series("GAP + linear 512-1000", "gap_head_millions", List.of(gap.params() / 1e6,
                                tg.totalCycles() / 1e6, tg.dramBytes() / 1e6))), CategoryStyle.GROUPED_BAR),
                dir, "totals"));
        charts.add(ChartWriter.write(Roofline.chart("VGG-16 (FC head) layers on the roofline of "
                + accelerator.array(), accelerator, rf.layers()), dir, "roofline"));
        charts.add(ChartWriter.write(new CategoryChart("VGG-16 with FC head: cycles per layer", "layer", "cycles",
                "layer", rf.layers().stream().map(LayerStats::name).toList(), List.of(
                        Series.ofLongs("compute", "compute_cycles", rf.layers().stream()
                                .map(LayerStats::computeCycles).toList()),
                        Series.ofLongs("DRAM stall", "stall_cycles", rf.layers().stream()
                                .map(LayerStats::stallCycles).toList()),
                        Series.ofLongs("vector unit", "vector_cycles", rf.layers().stream()
                                .map(LayerStats::vectorCycles).toList())), CategoryStyle.STACKED_BAR), dir,
                "cycles_per_layer"));

        long fcParams = linearParams(fc);
        StringBuilder md = new StringBuilder("# Study: FC head vs global average pooling (VGG-16)\n\n");
        md.append(String.format("VGG-16's three FC layers hold %,d of its %,d params (%.1f%%). Global average "
                        + "pooling + one 512 -> 1000 linear layer (%,d params) removes %,d params: %,d -> %,d.%n%n",
                fcParams, fc.params(), 100.0 * fcParams / fc.params(), linearParams(gap), fc.params() - gap.params(),
                fc.params(), gap.params()));
        md.append(String.format("On %s: %,d -> %,d cycles (%.1f%% fewer), DRAM traffic %.1f MB -> %.1f MB.%n%n",
                accelerator.array(), tf.totalCycles(), tg.totalCycles(),
                100.0 * (tf.totalCycles() - tg.totalCycles()) / tf.totalCycles(), tf.dramBytes() / 1e6,
                tg.dramBytes() / 1e6));
        double ridge = Roofline.ridge(accelerator);
        md.append(String.format("Batch-1 FC layers are bandwidth bound: each weight is used once, so their "
                + "arithmetic intensity is about 1 MAC per weight byte (int8), far left of the ridge at %.1f "
                + "MACs/byte:%n%n", ridge));
        MarkdownTable t = new MarkdownTable("layer", "MACs", "DRAM bytes", "MACs / DRAM byte",
                "attainable MACs/cycle", "achieved MACs/cycle", "stall cycles", "compute cycles", "bound");
        for (LayerStats l : rf.layers()) {
            if (l.kind().equals("linear")) {
                t.row(l.name(), l.macs(), l.dramBytes(), l.macsPerDramByte(),
                        Roofline.attainable(accelerator, l.macsPerDramByte()), l.macsPerCycle(), l.stallCycles(),
                        l.computeCycles(), l.macsPerDramByte() < ridge ? "bandwidth" : "compute");
            }
        }
        md.append(t.render()).append('\n').append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
