package org.sasim.workloads.spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Shape;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.input.SourceText;
import org.sasim.workloads.input.Suggestion;
import org.sasim.workloads.input.YamlDocument;
import org.sasim.workloads.input.YamlField;
import org.sasim.workloads.input.YamlReader;

/**
 * Loads a workload YAML file into a {@link Workload}. Every problem in the file is found in one pass and reported
 * together as a {@link org.sasim.workloads.cli.UserError}, each line {@code FILE:LINE:COLUMN: field.path: what is
 * wrong (got X)}. The schema is documented in {@code docs/workload-schema.md}.
 */
public final class WorkloadLoader {
    static final List<String> TOP = List.of("name", "description", "model", "accelerator", "simulation", "sweep",
            "output");
    static final List<String> MODEL = List.of("name", "layers", "input", "batch", "weights");
    static final List<String> ACCELERATOR = List.of("preset", "name", "rows", "cols", "dataflow", "datatype",
            "clock_ghz", "ifmap_sram", "filter_sram", "ofmap_sram", "dram_bandwidth", "dram_latency", "vector_lanes");
    static final List<String> SIMULATION = List.of("convention", "engine", "verify", "threads", "seed", "tensors",
            "fold_batch_norm", "weight_granularity");
    static final List<String> OUTPUT = List.of("dir", "formats");
    /** A sweep larger than this is almost surely a mistake (and would take days). */
    static final int MAX_SWEEP_POINTS = 10_000;
    private static final int MAX_BATCH = 4096;
    private static final int MAX_EXTENT = 1 << 16;

    private final ModelCatalog catalog;
    private final NpyShapes npyShapes = new NpyShapes();

    /** A loader resolving {@code model.name} in the given catalog (the model zoo). */
    public WorkloadLoader(ModelCatalog catalog) {
        this.catalog = catalog;
    }

    /** Loads a workload, naming the file in messages as {@code file} is written. */
    public Workload load(Path file) {
        return load(file, file.toString());
    }

    /**
     * Loads a workload.
     *
     * @param file    the YAML file
     * @param display how to name the file in messages
     * @throws org.sasim.workloads.cli.UserError listing every problem
     */
    public Workload load(Path file, String display) {
        Problems problems = new Problems();
        SourceText src = SourceText.read(file, display, "", problems);
        problems.throwIfAny();
        YamlField root = YamlDocument.parse(src, problems);
        problems.throwIfAny();
        Path base = file.toAbsolutePath().getParent();
        YamlReader r = new YamlReader(problems);
        Map<String, YamlField> top = r.mapping(root, TOP);
        if (top == null) {
            problems.throwIfAny();
        }

        String name = stem(file);
        if (top.containsKey("name")) {
            name = r.string(top.get("name"));
        }
        if (top.containsKey("description")) {
            r.string(top.get("description"));
        }
        SimulationOptions sim = top.containsKey("simulation") ? simulation(r, top.get("simulation"))
                : SimulationOptions.defaults();
        OutputSpec output = top.containsKey("output") ? output(r, top.get("output"), base)
                : new OutputSpec(null, EnumSet.allOf(OutputSpec.Format.class));
        List<SweepAxis> axes = top.containsKey("sweep") ? sweep(r, top.get("sweep")) : List.of();
        if (!top.containsKey("model")) {
            r.problemNoValue(root, "missing required section 'model'");
        }
        long seed = sim == null ? 1 : sim.seed();

        List<SweepPoint> points = new ArrayList<>();
        Set<String> used = new HashSet<>();
        int count = 1;
        for (SweepAxis a : axes) {
            count *= a.values().size();
        }
        for (int i = 0; i < count; i++) {
            Map<String, YamlField> overrides = new LinkedHashMap<>();
            Map<String, String> settings = new LinkedHashMap<>();
            int rest = i;
            // The last axis varies fastest: the first swept field is the outermost loop.
            int[] idx = new int[axes.size()];
            for (int a = axes.size() - 1; a >= 0; a--) {
                idx[a] = rest % axes.get(a).values().size();
                rest /= axes.get(a).values().size();
            }
            for (int a = 0; a < axes.size(); a++) {
                YamlField v = axes.get(a).values().get(idx[a]);
                overrides.put(axes.get(a).path(), v.child(v.node(), axes.get(a).path()));
                settings.put(axes.get(a).path(), v.isScalar() ? v.text() : flowText(v));
            }
            YamlReader pr = new YamlReader(problems, overrides);
            Map<String, org.sasim.workloads.input.Position> origins = new HashMap<>();
            if (top.containsKey("sweep")) {
                origins.put("sweep", top.get("sweep").position());
            }
            ModelSpec model = top.containsKey("model") ? model(pr, top.get("model"), base, seed, origins) : null;
            Accelerator acc = accelerator(pr, top.get("accelerator"), root, origins);
            used.addAll(pr.usedOverrides());
            if (model != null && acc != null) {
                points.add(new SweepPoint(i, settings, model, acc, origins));
            }
        }
        for (SweepAxis a : axes) {
            if (!used.contains(a.path())) {
                List<String> known = new ArrayList<>();
                MODEL.stream().filter(k -> !k.equals("layers")).forEach(k -> known.add("model." + k));
                ACCELERATOR.forEach(k -> known.add("accelerator." + k));
                r.problemNoValue(a.key(), "cannot sweep '" + a.path() + "': not a model or accelerator field"
                        + Suggestion.hint(a.path(), known));
            }
        }
        problems.throwIfAny();
        return new Workload(file, name, sha256(file), sim, output,
                axes.stream().map(SweepAxis::path).toList(), points);
    }

    /** A swept field and its values. */
    private record SweepAxis(String path, YamlField key, List<YamlField> values) {
    }

    /** Enum constants by lower-case name, in declaration order (so messages list them in a stable order). */
    private static <E extends Enum<E>> Map<String, E> options(E[] values) {
        Map<String, E> m = new LinkedHashMap<>();
        for (E e : values) {
            m.put(e.name().toLowerCase(java.util.Locale.ROOT), e);
        }
        return m;
    }

    private static String stem(Path file) {
        String n = file.getFileName() == null ? "workload" : file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String flowText(YamlField v) {
        if (v.isScalar()) {
            return v.text();
        }
        if (v.node() instanceof org.yaml.snakeyaml.nodes.SequenceNode s) {
            List<String> parts = new ArrayList<>();
            for (var n : s.getValue()) {
                parts.add(flowText(v.child(n, v.path())));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        return "{...}";
    }

    private static String sha256(Path file) {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(d.digest(Files.readAllBytes(file)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    // ---- simulation, output, sweep ----

    private SimulationOptions simulation(YamlReader r, YamlField f) {
        Map<String, YamlField> m = r.mapping(f, SIMULATION);
        if (m == null) {
            return null;
        }
        SimulationOptions d = SimulationOptions.defaults();
        var convention = m.containsKey("convention") ? r.choice(m.get("convention"),
                options(SimulationOptions.Convention.values()))
                : d.convention();
        var engine = m.containsKey("engine") ? r.choice(m.get("engine"),
                options(SimulationOptions.Engine.values())) : d.engine();
        Boolean verify = m.containsKey("verify") ? r.bool(m.get("verify")) : Boolean.valueOf(d.verify());
        Integer threads = m.containsKey("threads") ? r.intValue(m.get("threads"), 0, 1024) : Integer.valueOf(d.threads());
        Long seed = m.containsKey("seed") ? r.integer(m.get("seed"), 0, Long.MAX_VALUE) : Long.valueOf(d.seed());
        Boolean tensors = m.containsKey("tensors") ? r.bool(m.get("tensors")) : Boolean.valueOf(d.tensors());
        Boolean fold = m.containsKey("fold_batch_norm") ? r.bool(m.get("fold_batch_norm"))
                : Boolean.valueOf(d.foldBatchNorm());
        var granularity = m.containsKey("weight_granularity") ? r.choice(m.get("weight_granularity"),
                options(WeightGranularity.values())) : d.weightGranularity();
        if (convention == null || engine == null || verify == null || threads == null || seed == null
                || tensors == null || fold == null || granularity == null) {
            return null;
        }
        if (verify && !tensors) {
            r.problemNoValue(m.get("verify"), "verification compares output tensors; it needs tensors: true");
            return null;
        }
        // threads: 0 means one per available processor.
        int t = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        return new SimulationOptions(convention, engine, verify, t, seed, tensors, fold, granularity);
    }

    private OutputSpec output(YamlReader r, YamlField f, Path base) {
        Map<String, YamlField> m = r.mapping(f, OUTPUT);
        if (m == null) {
            return null;
        }
        Path dir = m.containsKey("dir") ? r.path(m.get("dir"), base) : null;
        Set<OutputSpec.Format> formats = EnumSet.allOf(OutputSpec.Format.class);
        if (m.containsKey("formats")) {
            List<YamlField> items = r.list(m.get("formats"));
            if (items != null) {
                formats = EnumSet.noneOf(OutputSpec.Format.class);
                for (YamlField i : items) {
                    var fmt = r.choice(i, options(OutputSpec.Format.values()));
                    if (fmt != null && !formats.add(fmt)) {
                        r.problem(i, "format listed twice");
                    }
                }
                if (items.isEmpty()) {
                    r.problem(m.get("formats"), "needs at least one format (csv, json)");
                }
            }
        }
        return new OutputSpec(dir, formats);
    }

    private List<SweepAxis> sweep(YamlReader r, YamlField f) {
        if (!(f.node() instanceof org.yaml.snakeyaml.nodes.MappingNode m)) {
            r.problem(f, "expected a mapping of field paths to lists of values (e.g. accelerator.rows: [16, 32])");
            return List.of();
        }
        List<SweepAxis> axes = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        long points = 1;
        for (var t : m.getValue()) {
            YamlField key = f.child(t.getKeyNode(), "sweep");
            if (!key.isScalar() || key.isNull()) {
                r.problem(key, "keys must be field paths such as accelerator.rows");
                continue;
            }
            String path = key.text();
            YamlField keyAt = f.child(t.getKeyNode(), "sweep." + path);
            if (!(path.startsWith("model.") || path.startsWith("accelerator.")) || path.endsWith(".")) {
                r.problemNoValue(keyAt, "only model.* and accelerator.* fields can be swept");
                continue;
            }
            if (seen.putIfAbsent(path, keyAt.position().line()) != null) {
                r.problemNoValue(keyAt, "duplicate key (first given at line " + seen.get(path) + ")");
                continue;
            }
            YamlField valuesField = f.child(t.getValueNode(), "sweep." + path);
            List<YamlField> values = r.list(valuesField);
            if (values == null) {
                continue;
            }
            if (values.isEmpty()) {
                r.problem(valuesField, "needs at least one value");
                continue;
            }
            points *= values.size();
            if (points > MAX_SWEEP_POINTS) {
                r.problemNoValue(valuesField, "the sweep has more than " + MAX_SWEEP_POINTS
                        + " points; split it into several workloads");
                return List.of();
            }
            axes.add(new SweepAxis(path, keyAt, values));
        }
        if (m.getValue().isEmpty()) {
            r.problem(f, "a sweep needs at least one field");
        }
        return axes;
    }

    // ---- model ----

    private ModelSpec model(YamlReader r, YamlField f, Path base, long seed,
                            Map<String, org.sasim.workloads.input.Position> origins) {
        Map<String, YamlField> m = r.mapping(f, MODEL);
        if (m == null) {
            return null;
        }
        origins.put("model", f.position());
        if (m.containsKey("layers")) {
            origins.put("model.layers", m.get("layers").position());
        }
        origins.put("model.weights", (m.containsKey("weights") ? m.get("weights") : f).position());
        origins.put("model.input", (m.containsKey("input") ? m.get("input") : f).position());
        int before = r.problems().count();
        boolean custom = m.containsKey("layers");
        String name = m.containsKey("name") ? r.string(m.get("name")) : null;
        String zooName = null;
        if (!custom) {
            if (!m.containsKey("name")) {
                r.problemNoValue(f, "give a zoo model 'name' or a 'layers' list");
                return null;
            }
            if (name != null) {
                zooName = catalog.names().contains(name) ? name : null;
                if (zooName == null) {
                    r.problem(m.get("name"), "unknown model" + Suggestion.hint(name, catalog.names())
                            + " (zoo: " + String.join(", ", catalog.names()) + ")");
                }
            }
        }
        Integer batch = m.containsKey("batch") ? r.intValue(m.get("batch"), 1, MAX_BATCH) : Integer.valueOf(1);

        // input: a per-sample shape list, or {shape, seeded | npy}.
        YamlField inputField = m.get("input");
        YamlField shapeField = null;
        InputSource input = new InputSource.Seeded(seed);
        if (inputField != null && inputField.isMapping()) {
            Map<String, YamlField> im = r.mapping(inputField, List.of("shape", "seeded", "npy"));
            if (im != null) {
                shapeField = im.get("shape");
                input = dataSource(r, inputField, im, "npy", seed, base);
            }
        } else {
            shapeField = inputField;
        }
        int[] sample = shapeField == null ? null : sampleShape(r, shapeField, custom);
        if (!custom && shapeField == null && zooName != null) {
            sample = catalog.defaultSize(zooName);
        }
        if (custom && shapeField == null) {
            r.problemNoValue(inputField != null ? inputField : f,
                    "a 'layers' model needs its per-sample input shape, e.g. input: [3, 224, 224] (C, H, W)");
        }
        WeightSource weights = new WeightSource.Seeded(seed);
        if (m.containsKey("weights")) {
            Map<String, YamlField> wm = r.mapping(m.get("weights"), List.of("seeded", "npy_dir"));
            if (wm != null) {
                InputSource w = dataSource(r, m.get("weights"), wm, "npy_dir", seed, base);
                weights = w instanceof InputSource.NpyFile nf ? new WeightSource.NpyDirectory(nf.file())
                        : w == null ? null : new WeightSource.Seeded(((InputSource.Seeded) w).seed());
            }
        }
        List<LayerListReader.ReadLayer> layers = custom ? new LayerListReader(r).read(m.get("layers")) : List.of();
        if (r.problems().count() != before || batch == null || sample == null || weights == null || input == null) {
            return null;
        }
        Network net;
        if (custom) {
            net = buildCustom(r, m, name != null ? name : "custom", layers, shape(batch, sample));
        } else {
            try {
                net = catalog.build(zooName, batch, sample[0], sample[1]);
            } catch (GraphException | IllegalArgumentException e) {
                r.problemNoValue(m.containsKey("input") ? m.get("input") : m.get("name"),
                        "model '" + zooName + "' cannot take this input: " + e.getMessage());
                return null;
            }
        }
        if (net == null) {
            return null;
        }
        if (input instanceof InputSource.NpyFile nf) {
            npyShapes.expect(r, inputField, nf.file(), net.inputShape(), "input");
        }
        if (weights instanceof WeightSource.NpyDirectory nd) {
            checkWeights(r, m.get("weights"), nd.dir(), net);
        }
        return new ModelSpec(zooName, net, weights, input);
    }

    /** {seeded: N} or {FILEKEY: path} (exactly one); returns Seeded or NpyFile, or null with a problem. */
    private InputSource dataSource(YamlReader r, YamlField f, Map<String, YamlField> m, String fileKey, long seed,
                                   Path base) {
        if (m.containsKey("seeded") && m.containsKey(fileKey)) {
            r.problemNoValue(f, "give either 'seeded' or '" + fileKey + "', not both");
            return null;
        }
        if (m.containsKey("seeded")) {
            Long s = r.integer(m.get("seeded"), 0, Long.MAX_VALUE);
            return s == null ? null : new InputSource.Seeded(s);
        }
        if (m.containsKey(fileKey)) {
            YamlField pf = m.get(fileKey);
            Path p = r.path(pf, base);
            if (p == null) {
                return null;
            }
            boolean dir = fileKey.equals("npy_dir");
            if (dir ? !Files.isDirectory(p) : !Files.isRegularFile(p)) {
                r.problem(pf, (dir ? "folder" : "file") + " not found: " + p);
                return null;
            }
            return new InputSource.NpyFile(p);
        }
        if (fileKey.equals("npy_dir") || !m.containsKey("shape")) {
            r.problemNoValue(f, "give 'seeded: N' or '" + fileKey + ": path'");
            return null;
        }
        return new InputSource.Seeded(seed);
    }

    /** Per-sample input shape: zoo [H, W]; layers [C, H, W] or [features]. */
    private int[] sampleShape(YamlReader r, YamlField f, boolean custom) {
        List<YamlField> items = r.list(f);
        if (items == null) {
            return null;
        }
        boolean sizeOk = custom ? items.size() == 3 || items.size() == 1 : items.size() == 2;
        if (!sizeOk) {
            r.problem(f, custom ? "expected the per-sample shape [C, H, W] (or [features])"
                    : "expected the input size [height, width]");
            return null;
        }
        int[] out = new int[items.size()];
        for (int i = 0; i < out.length; i++) {
            Integer v = r.intValue(items.get(i), 1, MAX_EXTENT);
            if (v == null) {
                return null;
            }
            out[i] = v;
        }
        return out;
    }

    private static Shape shape(int batch, int[] sample) {
        int[] dims = new int[sample.length + 1];
        dims[0] = batch;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return Shape.of(dims);
    }

    private Network buildCustom(YamlReader r, Map<String, YamlField> m, String name,
                                List<LayerListReader.ReadLayer> read, Shape input) {
        Map<String, YamlField> where = new HashMap<>();
        for (var l : read) {
            where.putIfAbsent(l.layer().name(), l.field());
        }
        try {
            return Network.of(name, input, read.stream().map(LayerListReader.ReadLayer::layer).toList());
        } catch (GraphException e) {
            YamlField at = e.layer() != null && where.containsKey(e.layer()) ? where.get(e.layer())
                    : m.get("layers");
            if (e.layer() != null && e.layer().equals(Layer.NETWORK_INPUT) && !where.containsKey(e.layer())) {
                at = m.get("layers");
            }
            r.problemNoValue(at, e.getMessage());
            return null;
        }
    }

    private void checkWeights(YamlReader r, YamlField weightsField, Path dir, Network net) {
        YamlField at = weightsField;
        for (var node : net.nodes()) {
            Layer l = node.layer();
            if (l instanceof org.sasim.models.graph.Conv2d c) {
                npyShapes.expect(r, at, dir.resolve(l.name() + ".weight.npy"), c.weightShape(), l.name() + " weight");
                if (c.bias()) {
                    npyShapes.expect(r, at, dir.resolve(l.name() + ".bias.npy"), Shape.of(c.outChannels()),
                            l.name() + " bias");
                }
            } else if (l instanceof org.sasim.models.graph.Linear lin) {
                npyShapes.expect(r, at, dir.resolve(l.name() + ".weight.npy"), lin.weightShape(),
                        l.name() + " weight");
                if (lin.bias()) {
                    npyShapes.expect(r, at, dir.resolve(l.name() + ".bias.npy"), Shape.of(lin.outFeatures()),
                            l.name() + " bias");
                }
            } else if (l instanceof org.sasim.models.graph.BatchNorm2d bn) {
                for (String part : List.of("weight", "bias", "running_mean", "running_var")) {
                    npyShapes.expect(r, at, dir.resolve(l.name() + "." + part + ".npy"),
                            Shape.of(bn.numFeatures()), l.name() + " " + part);
                }
            }
        }
    }

    /**
     * Loads an accelerator on its own (for {@code sasim study -a}): a YAML file holding the fields of a workload's
     * {@code accelerator} section (a {@code preset} and/or overrides), either at the top level or under a single
     * {@code accelerator:} key. Problems are reported as for workloads ({@code FILE:LINE:COLUMN: accelerator.field:
     * ...}).
     *
     * @throws org.sasim.workloads.cli.UserError listing every problem
     */
    public Accelerator loadAccelerator(Path file) {
        Problems problems = new Problems();
        SourceText src = SourceText.read(file, file.toString(), "", problems);
        problems.throwIfAny();
        YamlField root = YamlDocument.parse(src, problems);
        problems.throwIfAny();
        YamlReader r = new YamlReader(problems);
        YamlField section = new YamlField(root.node(), "accelerator", root.source());
        if (root.node() instanceof org.yaml.snakeyaml.nodes.MappingNode m && m.getValue().stream()
                .anyMatch(t -> t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode k
                        && k.getValue().equals("accelerator"))) {
            Map<String, YamlField> top = r.mapping(root, List.of("accelerator"));
            problems.throwIfAny();
            section = top.get("accelerator");
        }
        Accelerator a = accelerator(r, section, root, new java.util.HashMap<>());
        problems.throwIfAny();
        return a;
    }

    // ---- accelerator ----

    /**
     * The accelerator of one point; records in {@code origins} where {@code accelerator.datatype} was decided
     * (the field, its swept value, the preset, the section, or the top of the file).
     */
    private Accelerator accelerator(YamlReader r, YamlField f, YamlField root,
                                    Map<String, org.sasim.workloads.input.Position> origins) {
        Map<String, YamlField> m;
        if (f == null) {
            // No accelerator section: the SCALE-Sim default, unless a sweep sets accelerator fields.
            m = r.mapping(emptyMapping("accelerator"), ACCELERATOR);
        } else {
            m = r.mapping(f, ACCELERATOR);
        }
        if (m == null) {
            return null;
        }
        int before = r.problems().count();
        AcceleratorPreset preset = AcceleratorPreset.SCALESIM_32X32_OS;
        if (m.containsKey("preset")) {
            Map<String, AcceleratorPreset> ids = new LinkedHashMap<>();
            for (AcceleratorPreset p : AcceleratorPreset.values()) {
                ids.put(p.id(), p);
            }
            AcceleratorPreset chosen = r.choice(m.get("preset"), ids);
            // On a bad preset, still check the other fields against the default (the result is discarded).
            preset = chosen != null ? chosen : preset;
        }
        Accelerator a = preset.accelerator();
        List<String> changed = new ArrayList<>();
        for (String k : m.keySet()) {
            if (!k.equals("preset") && !k.equals("name")) {
                changed.add(k + "=" + (m.get(k).isScalar() ? m.get(k).text() : "..."));
            }
        }
        // Unnamed and changed: name it by what changed, so sweep points and reports tell the variants apart.
        String name = m.containsKey("name") ? r.string(m.get("name"))
                : changed.isEmpty() ? preset.id() : preset.id() + " (" + String.join(", ", changed) + ")";
        Integer rows = m.containsKey("rows") ? r.intValue(m.get("rows"), 1, MAX_EXTENT) : Integer.valueOf(a.array().rows());
        Integer cols = m.containsKey("cols") ? r.intValue(m.get("cols"), 1, MAX_EXTENT) : Integer.valueOf(a.array().cols());
        Map<String, Dataflow> flows = new LinkedHashMap<>();
        for (Dataflow d : Dataflow.values()) {
            flows.put(d.shortName(), d);
        }
        Dataflow dataflow = m.containsKey("dataflow") ? r.choice(m.get("dataflow"), flows) : a.array().dataflow();
        Map<String, Datatype> types = new LinkedHashMap<>();
        for (Datatype d : Datatype.values()) {
            types.put(d.toString(), d);
        }
        Datatype datatype = m.containsKey("datatype") ? r.choice(m.get("datatype"), types) : a.datatype();
        origins.put("accelerator", f != null ? f.position() : root.position());
        origins.put("accelerator.datatype", m.containsKey("datatype") ? m.get("datatype").position()
                : m.containsKey("preset") ? m.get("preset").position() : f != null ? f.position() : root.position());
        Double clock = m.containsKey("clock_ghz") ? r.number(m.get("clock_ghz"), 1e-6, 1e3) : Double.valueOf(a.clockGHz());
        MemorySpec mem = a.memory();
        Long ifmap = m.containsKey("ifmap_sram") ? bytes(r, m.get("ifmap_sram")) : Long.valueOf(mem.ifmapSramBytes());
        Long filter = m.containsKey("filter_sram") ? bytes(r, m.get("filter_sram")) : Long.valueOf(mem.filterSramBytes());
        Long ofmap = m.containsKey("ofmap_sram") ? bytes(r, m.get("ofmap_sram")) : Long.valueOf(mem.ofmapSramBytes());
        Integer latency = m.containsKey("dram_latency") ? r.intValue(m.get("dram_latency"), 0, 1_000_000_000)
                : Integer.valueOf(mem.dramLatencyCycles());
        Integer lanes = m.containsKey("vector_lanes") ? r.intValue(m.get("vector_lanes"), 1, MAX_EXTENT)
                : Integer.valueOf(a.vector().lanes());
        Double bandwidth = mem.dramBytesPerCycle();
        if (m.containsKey("dram_bandwidth") && clock != null) {
            bandwidth = bandwidth(r, m.get("dram_bandwidth"), clock);
        } else if (clock != null && clock.doubleValue() != a.clockGHz() && !m.containsKey("dram_bandwidth")) {
            // A preset's bandwidth is a rate in bytes per second; keep it when only the clock changes.
            bandwidth = mem.dramBytesPerCycle() * a.clockGHz() / clock;
        }
        if (r.problems().count() != before || name == null || rows == null || cols == null || dataflow == null
                || datatype == null || clock == null || ifmap == null || filter == null || ofmap == null
                || latency == null || lanes == null || bandwidth == null) {
            return null;
        }
        return new Accelerator(name, new ArraySpec(rows, cols, dataflow), datatype, clock,
                new MemorySpec(ifmap, filter, ofmap, bandwidth, latency), new VectorUnitSpec(lanes));
    }

    private static YamlField emptyMapping(String path) {
        var node = new org.yaml.snakeyaml.nodes.MappingNode(org.yaml.snakeyaml.nodes.Tag.MAP, List.of(),
                org.yaml.snakeyaml.DumperOptions.FlowStyle.BLOCK);
        return new YamlField(node, path, SourceText.of("(default)", ""));
    }

    private static Long bytes(YamlReader r, YamlField f) {
        if (f.isScalar() && org.yaml.snakeyaml.nodes.Tag.INT.equals(f.node().getTag())) {
            return r.integer(f, 1, 1L << 40);
        }
        if (!f.isScalar() || f.isNull() || !org.yaml.snakeyaml.nodes.Tag.STR.equals(f.node().getTag())) {
            r.problem(f, "expected a size such as 65536, 64KiB or 1MiB");
            return null;
        }
        Quantity.Parsed p = Quantity.bytes(f.text());
        if (p.error() != null) {
            r.problem(f, p.error());
            return null;
        }
        if (p.value() < 1 || p.value() > (double) (1L << 40)) {
            r.problem(f, "out of range: must be 1 byte .. 1 TiB");
            return null;
        }
        return (long) p.value();
    }

    private static Double bandwidth(YamlReader r, YamlField f, double clock) {
        if (f.isScalar() && !org.yaml.snakeyaml.nodes.Tag.STR.equals(f.node().getTag())) {
            return r.number(f, Double.MIN_VALUE, Double.POSITIVE_INFINITY);
        }
        if (!f.isScalar() || f.isNull()) {
            r.problem(f, "expected bytes per cycle (a number), or a rate such as 34GB/s");
            return null;
        }
        Quantity.Parsed p = Quantity.bandwidth(f.text(), clock);
        if (p.error() != null) {
            r.problem(f, p.error());
            return null;
        }
        if (!(p.value() > 0) || Double.isInfinite(p.value())) {
            r.problem(f, "out of range: bandwidth must be positive");
            return null;
        }
        return p.value();
    }
}
