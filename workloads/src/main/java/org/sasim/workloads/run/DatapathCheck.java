package org.sasim.workloads.run;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.Weights;

/**
 * The simulated datapath and the reference engine side by side, layer by layer: as the simulator hands over each
 * layer's output, the reference engine evaluates the same layer on the same inputs (the simulated outputs it
 * reads), and the two are compared under a {@link Tolerance}. Checking each layer on identical inputs keeps one
 * layer's rounding from being blamed on the next. Simulated outputs are kept only until their last reader ran.
 */
public final class DatapathCheck implements BiConsumer<String, FloatTensor>, LayerCheck {
    private final List<Node> nodes;
    private final Weights weights;
    private final Tolerance tolerance;
    private final Map<String, Integer> lastUse = new HashMap<>();
    private final Map<String, FloatTensor> live = new HashMap<>();
    private final List<LayerDifference> differences = new ArrayList<>();

    /** A check of a run of {@code network} with {@code weights} from {@code input}. */
    public DatapathCheck(Network network, Weights weights, FloatTensor input, Tolerance tolerance) {
        this.nodes = network.nodes();
        this.weights = weights;
        this.tolerance = tolerance;
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).layer().inputs()) {
                lastUse.put(in, i);
            }
        }
        live.put(Layer.NETWORK_INPUT, input);
    }

    /** Compares the next layer's simulated output (layers arrive in execution order). */
    @Override
    public void accept(String name, FloatTensor simulated) {
        int i = differences.size();
        Layer layer = nodes.get(i).layer();
        if (!layer.name().equals(name)) {
            throw new IllegalStateException("expected layer '" + layer.name() + "', got '" + name + "'");
        }
        List<FloatTensor> ins = new ArrayList<>();
        for (String in : layer.inputs()) {
            ins.add(live.get(in));
        }
        FloatTensor reference = ReferenceEngine.evaluate(layer, ins, weights.get(name));
        double[] bounds = tolerance.bounds(layer, ins, weights.get(name), reference);
        differences.add(compare(layer, simulated, reference, bounds));
        for (String in : layer.inputs()) {
            if (lastUse.get(in) == i) {
                live.remove(in);
            }
        }
        if (lastUse.containsKey(name)) {
            live.put(name, simulated);
        }
    }

    /** The differences of the layers seen so far, in execution order. */
    public List<LayerDifference> differences() {
        return List.copyOf(differences);
    }

    @Override
    public boolean passed() {
        return differences.size() == nodes.size() && differences.stream().allMatch(LayerDifference::passed);
    }

    /** The tolerance applied. */
    public Tolerance tolerance() {
        return tolerance;
    }

    private static LayerDifference compare(Layer layer, FloatTensor simulated, FloatTensor reference,
                                           double[] bounds) {
        if (!simulated.shape().equals(reference.shape())) {
            return new LayerDifference(layer.name(), layer.kind(), Double.POSITIVE_INFINITY,
                    Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY);
        }
        float[] y = simulated.data();
        float[] r = reference.data();
        double maxAbs = 0;
        double maxRef = 0;
        double worst = 0;
        for (int i = 0; i < y.length; i++) {
            double d;
            if (Float.isNaN(y[i]) || Float.isNaN(r[i])) {
                d = Float.isNaN(y[i]) && Float.isNaN(r[i]) ? 0 : Double.POSITIVE_INFINITY;
            } else if (y[i] == r[i]) {
                d = 0; // also equal infinities
            } else {
                d = Math.abs((double) y[i] - r[i]);
            }
            maxAbs = Math.max(maxAbs, d);
            if (!Float.isNaN(r[i])) {
                maxRef = Math.max(maxRef, Math.abs(r[i]));
            }
            if (d > 0) {
                worst = Math.max(worst, bounds[i] == 0 ? Double.POSITIVE_INFINITY : d / bounds[i]);
            }
        }
        return new LayerDifference(layer.name(), layer.kind(), maxAbs, maxAbs / Math.max(1, maxRef), worst);
    }

    @Override
    public String table() {
        StringBuilder sb = new StringBuilder();
        int w = Math.max(5, differences.stream().mapToInt(d -> d.layer().length()).max().orElse(5));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-18s %12s %12s %10s  %s%n", "layer", "kind",
                "max_abs", "max_rel", "of_bound", "result"));
        for (LayerDifference d : differences) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s  %-18s %12.4g %12.4g %10.4g  %s%n", d.layer(),
                    d.kind(), d.maxAbs(), d.maxRel(), d.worstOfBound(), d.passed() ? "PASS" : "FAIL"));
        }
        long failed = differences.stream().filter(d -> !d.passed()).count();
        sb.append(String.format(Locale.ROOT, "%s: %d of %d layers within tolerance (%s)%n",
                passed() ? "PASS" : "FAIL", differences.size() - failed, nodes.size(), tolerance.describe()));
        return sb.toString();
    }
}
