package org.sasim.workloads.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.workloads.input.YamlField;
import org.sasim.workloads.input.YamlReader;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Reads {@code model.layers}: a list of {name, kind, inputs, parameters...} mappings, one per layer, with PyTorch's
 * parameter names and defaults. A layer without {@code inputs} takes the previous layer's output (the first layer
 * takes the network input).
 */
final class LayerListReader {
    private static final int MAX_DIM = 1 << 20;
    private static final List<String> COMMON = List.of("name", "kind", "inputs");
    /** Parameters of each kind (keys as written in workloads), in documentation order. */
    static final Map<String, List<String>> PARAMS = kinds();

    private final YamlReader r;

    /** A layer read from the list, with the field it came from (for mapping graph errors back). */
    record ReadLayer(Layer layer, YamlField field) {
    }

    LayerListReader(YamlReader r) {
        this.r = r;
    }

    private static Map<String, List<String>> kinds() {
        Map<String, List<String>> k = new LinkedHashMap<>();
        k.put("conv2d", List.of("in_channels", "out_channels", "kernel", "stride", "padding", "dilation", "groups",
                "bias"));
        k.put("linear", List.of("in_features", "out_features", "bias"));
        k.put("maxpool2d", List.of("kernel", "stride", "padding", "ceil_mode"));
        k.put("avgpool2d", List.of("kernel", "stride", "padding", "ceil_mode", "count_include_pad"));
        k.put("adaptiveavgpool2d", List.of("output_size"));
        k.put("globalavgpool", List.of());
        k.put("relu", List.of());
        k.put("leakyrelu", List.of("negative_slope"));
        k.put("sigmoid", List.of());
        k.put("tanh", List.of());
        k.put("batchnorm2d", List.of("num_features", "eps"));
        k.put("add", List.of());
        k.put("flatten", List.of());
        k.put("softmax", List.of());
        k.put("lrn", List.of("size", "alpha", "beta", "k"));
        k.put("dropout", List.of("p"));
        return java.util.Collections.unmodifiableMap(k);
    }

    /** Reads the list; returns the layers that could be built (problems recorded for the others). */
    List<ReadLayer> read(YamlField list) {
        List<YamlField> items = r.list(list);
        if (items == null) {
            return List.of();
        }
        if (items.isEmpty()) {
            r.problem(list, "needs at least one layer");
        }
        List<ReadLayer> out = new ArrayList<>();
        String previous = Layer.NETWORK_INPUT;
        Map<String, String> kindNames = new LinkedHashMap<>();
        PARAMS.keySet().forEach(n -> kindNames.put(n, n));
        for (YamlField item : items) {
            String kindText = peekKind(item);
            List<String> allowed = new ArrayList<>(COMMON);
            if (kindText != null && PARAMS.containsKey(kindText)) {
                allowed.addAll(PARAMS.get(kindText));
            } else {
                // Unknown kind: accept every parameter name, so that only the kind itself is reported.
                Set<String> all = new LinkedHashSet<>();
                PARAMS.values().forEach(all::addAll);
                allowed.addAll(all);
            }
            Map<String, YamlField> m = r.mapping(item, allowed);
            if (m == null) {
                continue;
            }
            String name = m.containsKey("name") ? r.string(m.get("name")) : null;
            if (!m.containsKey("name")) {
                r.problemNoValue(item, "layer has no 'name'");
            }
            String kind = null;
            if (m.containsKey("kind")) {
                kind = r.choice(m.get("kind"), kindNames);
            } else {
                r.problemNoValue(item, "layer has no 'kind' (one of " + String.join(", ", PARAMS.keySet()) + ")");
            }
            List<String> inputs = m.containsKey("inputs") ? inputs(m.get("inputs")) : List.of(previous);
            if (name != null) {
                previous = name;
            }
            if (name == null || kind == null || inputs == null) {
                continue;
            }
            int before = r.problems().count();
            Layer layer;
            try {
                layer = build(kind, name, inputs, m, item);
            } catch (GraphException e) {
                r.problemNoValue(item, e.getMessage());
                continue;
            }
            if (layer != null && r.problems().count() == before) {
                out.add(new ReadLayer(layer, item));
            }
        }
        return out;
    }

    private static String peekKind(YamlField item) {
        if (item.node() instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("kind")
                        && t.getValueNode() instanceof ScalarNode v) {
                    return v.getValue().trim().toLowerCase(java.util.Locale.ROOT);
                }
            }
        }
        return null;
    }

    private List<String> inputs(YamlField f) {
        if (f.isScalar()) {
            String s = r.string(f);
            return s == null ? null : List.of(s);
        }
        List<YamlField> items = r.list(f);
        if (items == null) {
            return null;
        }
        if (items.isEmpty()) {
            r.problem(f, "needs at least one input");
            return null;
        }
        List<String> out = new ArrayList<>();
        for (YamlField i : items) {
            String s = r.string(i);
            if (s == null) {
                return null;
            }
            out.add(s);
        }
        return out;
    }

    /** Builds one layer; returns null when a parameter was unusable (problems recorded). */
    private Layer build(String kind, String name, List<String> inputs, Map<String, YamlField> m, YamlField item) {
        Fields f = new Fields(m, item);
        if (!kind.equals("add") && inputs.size() != 1) {
            r.problem(m.get("inputs"), "a " + kind + " layer takes exactly one input");
            return null;
        }
        String in = inputs.get(0);
        return switch (kind) {
            case "conv2d" -> {
                Integer cin = f.integer("in_channels", null, 1, MAX_DIM);
                Integer cout = f.integer("out_channels", null, 1, MAX_DIM);
                Dims2 k = f.dims("kernel", null, 1);
                Dims2 s = f.dims("stride", Dims2.square(1), 1);
                Dims2 p = f.dims("padding", Dims2.square(0), 0);
                Dims2 d = f.dims("dilation", Dims2.square(1), 1);
                Integer g = f.integer("groups", 1, 1, MAX_DIM);
                Boolean b = f.bool("bias", true);
                yield f.ok() ? new Conv2d(name, in, cin, cout, k, s, p, d, g, b) : null;
            }
            case "linear" -> {
                Integer fin = f.integer("in_features", null, 1, Integer.MAX_VALUE);
                Integer fout = f.integer("out_features", null, 1, Integer.MAX_VALUE);
                Boolean b = f.bool("bias", true);
                yield f.ok() ? new Linear(name, in, fin, fout, b) : null;
            }
            case "maxpool2d", "avgpool2d" -> {
                Dims2 k = f.dims("kernel", null, 1);
                Dims2 s = f.dims("stride", k, 1);
                Dims2 p = f.dims("padding", Dims2.square(0), 0);
                Boolean ceil = f.bool("ceil_mode", false);
                Boolean incl = kind.equals("avgpool2d") ? f.bool("count_include_pad", true) : Boolean.TRUE;
                if (!f.ok()) {
                    yield null;
                }
                yield kind.equals("maxpool2d") ? new MaxPool2d(name, in, k, s, p, ceil)
                        : new AvgPool2d(name, in, k, s, p, ceil, incl);
            }
            case "adaptiveavgpool2d" -> {
                Dims2 o = f.dims("output_size", null, 1);
                yield f.ok() ? new AdaptiveAvgPool2d(name, in, o) : null;
            }
            case "globalavgpool" -> new GlobalAvgPool(name, in);
            case "relu" -> new Relu(name, in);
            case "sigmoid" -> new Sigmoid(name, in);
            case "tanh" -> new Tanh(name, in);
            case "flatten" -> new Flatten(name, in);
            case "softmax" -> new Softmax(name, in);
            case "leakyrelu" -> {
                Double slope = f.number("negative_slope", 0.01, -1e6, 1e6);
                yield f.ok() ? new LeakyRelu(name, in, slope) : null;
            }
            case "batchnorm2d" -> {
                Integer c = f.integer("num_features", null, 1, MAX_DIM);
                Double eps = f.number("eps", 1e-5, Double.MIN_VALUE, 1);
                yield f.ok() ? new BatchNorm2d(name, in, c, eps) : null;
            }
            case "add" -> {
                if (inputs.size() < 2) {
                    r.problemNoValue(m.containsKey("inputs") ? m.get("inputs") : item,
                            "an add layer needs 'inputs' naming at least 2 layers");
                    yield null;
                }
                yield new Add(name, inputs);
            }
            case "lrn" -> {
                Integer size = f.integer("size", null, 1, MAX_DIM);
                Double alpha = f.number("alpha", 1e-4, 0, 1e6);
                Double beta = f.number("beta", 0.75, 0, 1e6);
                Double k = f.number("k", 1.0, 0, 1e6);
                yield f.ok() ? new Lrn(name, in, size, alpha, beta, k) : null;
            }
            case "dropout" -> {
                Double p = f.number("p", 0.5, 0, 1);
                yield f.ok() ? new Dropout(name, in, p) : null;
            }
            default -> throw new IllegalStateException("kind table and builder disagree on " + kind);
        };
    }

    /** The parameters of one layer, with defaults; remembers whether any was unusable. */
    private final class Fields {
        private final Map<String, YamlField> m;
        private final YamlField item;
        private boolean ok = true;

        Fields(Map<String, YamlField> m, YamlField item) {
            this.m = m;
            this.item = item;
        }

        boolean ok() {
            return ok;
        }

        private YamlField required(String key) {
            YamlField f = m.get(key);
            if (f == null) {
                r.problemNoValue(item, "missing parameter '" + key + "'");
                ok = false;
            }
            return f;
        }

        Integer integer(String key, Integer dflt, int min, int max) {
            if (!m.containsKey(key) && dflt != null) {
                return dflt;
            }
            YamlField f = required(key);
            Integer v = f == null ? null : r.intValue(f, min, max);
            ok &= v != null;
            return v;
        }

        Double number(String key, double dflt, double min, double max) {
            if (!m.containsKey(key)) {
                return dflt;
            }
            Double v = r.number(m.get(key), min, max);
            ok &= v != null;
            return v;
        }

        Boolean bool(String key, boolean dflt) {
            if (!m.containsKey(key)) {
                return dflt;
            }
            Boolean v = r.bool(m.get(key));
            ok &= v != null;
            return v;
        }

        /** An int for both dimensions, or [h, w]. */
        Dims2 dims(String key, Dims2 dflt, int min) {
            if (!m.containsKey(key) && dflt != null) {
                return dflt;
            }
            YamlField f = required(key);
            if (f == null) {
                return null;
            }
            Dims2 v = null;
            if (f.isSequence()) {
                List<YamlField> hw = r.list(f);
                if (hw.size() != 2) {
                    r.problem(f, "expected one integer or a pair [height, width], got " + hw.size() + " values");
                } else {
                    Integer h = r.intValue(hw.get(0), min, MAX_DIM);
                    Integer w = r.intValue(hw.get(1), min, MAX_DIM);
                    v = h == null || w == null ? null : new Dims2(h, w);
                }
            } else {
                Integer s = r.intValue(f, min, MAX_DIM);
                v = s == null ? null : Dims2.square(s);
            }
            ok &= v != null;
            return v;
        }
    }
}
