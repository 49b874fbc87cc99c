package org.sasim.workloads.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Node;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;

/**
 * The simulated int8 datapath against the int8 reference engine ({@link ReferenceEngine#runInt8}) on the same
 * {@link Int8Network}, layer by layer: every layer's int8 output must equal the reference's (docs/quantization.md
 * defines the scheme bit for bit, so any difference is a bug). Both sides start from the same quantized input, so
 * the first differing layer is the faulty one. The reference runs first and its outputs are kept, one byte per
 * element, until the simulated layer arrives.
 */
public final class Int8DatapathCheck implements BiConsumer<String, ByteTensor>, LayerCheck {
    private final List<Node> nodes;
    private final Map<String, ByteTensor> reference = new HashMap<>();
    private final List<LayerDifference> differences = new ArrayList<>();

    /** A check of a run of {@code program} from {@code input} (quantized with the program's input scale). */
    public Int8DatapathCheck(Int8Network program, FloatTensor input) {
        this.nodes = program.network().nodes();
        ReferenceEngine.runInt8(program, program.quantizeInput(input), reference::put);
    }

    /** Compares the next layer's simulated int8 output (layers arrive in execution order). */
    @Override
    public void accept(String name, ByteTensor simulated) {
        Layer layer = nodes.get(differences.size()).layer();
        if (!layer.name().equals(name)) {
            throw new IllegalStateException("expected layer '" + layer.name() + "', got '" + name + "'");
        }
        differences.add(compare(layer, simulated, reference.remove(name)));
    }

    /** The differences of the layers seen so far, in execution order, in int8 units. */
    public List<LayerDifference> differences() {
        return List.copyOf(differences);
    }

    @Override
    public boolean passed() {
        return differences.size() == nodes.size() && differences.stream().allMatch(LayerDifference::passed);
    }

    private static LayerDifference compare(Layer layer, ByteTensor simulated, ByteTensor reference) {
        if (!simulated.shape().equals(reference.shape())) {
            return new LayerDifference(layer.name(), layer.kind(), Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        byte[] y = simulated.data();
        byte[] r = reference.data();
        int maxAbs = 0;
        int maxRef = 0;
        for (int i = 0; i < y.length; i++) {
            maxAbs = Math.max(maxAbs, Math.abs(y[i] - r[i]));
            maxRef = Math.max(maxRef, Math.abs(r[i]));
        }
        return new LayerDifference(layer.name(), layer.kind(), maxAbs, (double) maxAbs / Math.max(1, maxRef),
                maxAbs == 0 ? 0 : Double.POSITIVE_INFINITY);
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(5, differences.stream().mapToInt(d -> d.layer().length()).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-18s %12s %12s  %s%n", "layer", "kind", "max_abs_q",
                "max_rel", "result"));
        for (LayerDifference d : differences) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-18s %12.0f %12.4g  %s%n", d.layer(), d.kind(),
                    d.maxAbs(), d.maxRel(), d.passed() ? "PASS" : "FAIL"));
        }
        long failed = differences.stream().filter(d -> !d.passed()).count();
        sb.append(String.format(Locale.ROOT, "%s: %d of %d layers equal (int8 datapath vs int8 reference, "
                + "max_abs_q in int8 units, 0 required)%n", passed() ? "PASS" : "FAIL", differences.size() - failed,
                nodes.size()));
        return sb.toString();
    }
}
