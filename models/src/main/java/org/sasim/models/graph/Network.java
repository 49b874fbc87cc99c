package org.sasim.models.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A validated, shape-inferred layer graph (a DAG). Layers may be given in any order; they are kept in a
 * deterministic topological order (the given order wherever it is already valid). The output is the last layer in
 * that order, which must be the only layer nobody consumes.
 *
 * <p>Construction fails with a {@link GraphException} naming the layer for duplicate names, unknown inputs, cycles
 * and shapes that do not fit, so every {@code Network} that exists is runnable.
 */
public final class Network {
    private final String name;
    private final Shape inputShape;
    private final List<Node> nodes;
    private final Map<String, Node> byName;

    private Network(String name, Shape inputShape, List<Node> nodes) {
        this.name = name;
        this.inputShape = inputShape;
        this.nodes = List.copyOf(nodes);
        Map<String, Node> m = new HashMap<>();
        for (Node n : nodes) {
            m.put(n.name(), n);
        }
        this.byName = Collections.unmodifiableMap(m);
    }

    /**
     * Builds and validates a network.
     *
     * @param name       model name, e.g. {@code resnet50}
     * @param inputShape input activation shape, batch first (N x C x H x W)
     * @param layers     layers; each names its inputs ({@link Layer#NETWORK_INPUT} for the network input)
     */
    public static Network of(String name, Shape inputShape, List<? extends Layer> layers) {
        if (layers.isEmpty()) {
            throw new GraphException(null, "network '" + name + "' has no layers");
        }
        Map<String, Layer> declared = new LinkedHashMap<>();
        for (Layer l : layers) {
            if (l.name() == null || l.name().isBlank()) {
                throw new GraphException(null, "a layer of kind " + l.kind() + " has no name");
            }
            if (l.name().equals(Layer.NETWORK_INPUT)) {
                throw new GraphException(l.name(), "'" + Layer.NETWORK_INPUT + "' is reserved for the network input");
            }
            if (declared.put(l.name(), l) != null) {
                throw new GraphException(l.name(), "duplicate layer name");
            }
        }
        for (Layer l : layers) {
            for (String in : l.inputs()) {
                if (!in.equals(Layer.NETWORK_INPUT) && !declared.containsKey(in)) {
                    throw new GraphException(l.name(), "unknown input '" + in + "'");
                }
            }
        }
        List<Layer> order = topologicalOrder(layers, declared);
        Map<String, Shape> shapes = new HashMap<>();
        shapes.put(Layer.NETWORK_INPUT, inputShape);
        List<Node> nodes = new ArrayList<>(order.size());
        for (Layer l : order) {
            List<Shape> ins = new ArrayList<>();
            for (String in : l.inputs()) {
                ins.add(shapes.get(in));
            }
            Shape out = l.outputShape(ins);
            shapes.put(l.name(), out);
            nodes.add(new Node(l, ins, out));
        }
        checkSingleOutput(nodes);
        return new Network(name, inputShape, nodes);
    }

    /** Kahn's algorithm, always taking the earliest-declared ready layer, so a valid given order is kept. */
    private static List<Layer> topologicalOrder(List<? extends Layer> layers, Map<String, Layer> declared) {
        Map<String, Integer> position = new HashMap<>();
        for (int i = 0; i < layers.size(); i++) {
            position.put(layers.get(i).name(), i);
        }
        Map<String, Integer> pending = new HashMap<>();
        Map<String, List<String>> consumers = new HashMap<>();
        for (Layer l : layers) {
            int deps = 0;
            for (String in : l.inputs()) {
                if (!in.equals(Layer.NETWORK_INPUT)) {
                    deps++;
                    consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(l.name());
                }
            }
            pending.put(l.name(), deps);
        }
        java.util.PriorityQueue<String> ready =
                new java.util.PriorityQueue<>((a, b) -> Integer.compare(position.get(a), position.get(b)));
        for (Layer l : layers) {
            if (pending.get(l.name()) == 0) {
                ready.add(l.name());
            }
        }
        List<Layer> order = new ArrayList<>();
        while (!ready.isEmpty()) {
            String n = ready.poll();
            order.add(declared.get(n));
            for (String c : consumers.getOrDefault(n, List.of())) {
                if (pending.merge(c, -1, Integer::sum) == 0) {
                    ready.add(c);
                }
            }
        }
        if (order.size() < layers.size()) {
            String stuck = layers.stream().filter(l -> pending.get(l.name()) > 0).map(Layer::name).findFirst()
                    .orElseThrow();
            List<String> loop = findCycle(stuck, declared, pending);
            throw new GraphException(loop.get(0), "is part of a cycle: " + String.join(" <- ", loop));
        }
        return order;
    }

    /**
     * A closed loop (first name repeated at the end) through layers Kahn's algorithm could not order. Every such
     * layer has at least one input that is also unordered, so following unordered inputs must come back on itself;
     * following any input instead could wander into the resolved part of the graph and report a non-loop.
     */
    private static List<String> findCycle(String start, Map<String, Layer> declared, Map<String, Integer> pending) {
        List<String> path = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        String cur = start;
        while (!seen.containsKey(cur)) {
            seen.put(cur, path.size());
            path.add(cur);
            cur = declared.get(cur).inputs().stream()
                    .filter(in -> !in.equals(Layer.NETWORK_INPUT) && pending.get(in) > 0)
                    .findFirst().orElseThrow();
        }
        List<String> loop = new ArrayList<>(path.subList(seen.get(cur), path.size()));
        loop.add(cur);
        return loop;
    }

    private static void checkSingleOutput(List<Node> nodes) {
        java.util.Set<String> consumed = new java.util.HashSet<>();
        for (Node n : nodes) {
            consumed.addAll(n.layer().inputs());
        }
        for (int i = 0; i < nodes.size() - 1; i++) {
            if (!consumed.contains(nodes.get(i).name())) {
                throw new GraphException(nodes.get(i).name(), "output is never used (only the last layer, '"
                        + nodes.get(nodes.size() - 1).name() + "', may be the network output)");
            }
        }
    }

    public String name() {
        return name;
    }

    /** Input activation shape, batch first. */
    public Shape inputShape() {
        return inputShape;
    }

    /** Layers with their shapes, in execution (topological) order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The node of the named layer; throws {@link GraphException} if there is none. */
    public Node node(String layerName) {
        Node n = byName.get(layerName);
        if (n == null) {
            throw new GraphException(layerName, "no such layer in network '" + name + "'");
        }
        return n;
    }

    /** The last node, whose output is the network output. */
    public Node output() {
        return nodes.get(nodes.size() - 1);
    }

    public Shape outputShape() {
        return output().outputShape();
    }

    public List<Layer> layers() {
        return nodes.stream().map(Node::layer).toList();
    }

    /** Total learned parameters. */
    public long params() {
        return nodes.stream().mapToLong(Node::params).sum();
    }

    /** Total non-learned buffers (BN running statistics). */
    public long buffers() {
        return nodes.stream().mapToLong(n -> n.layer().buffers()).sum();
    }

    /** Total multiply-accumulates of one forward pass. */
    public long macs() {
        return nodes.stream().mapToLong(Node::macs).sum();
    }

    /** Receptive field and jump of every layer's output, keyed by layer name, in execution order. */
    public Map<String, ReceptiveField> receptiveFields() {
        Map<String, ReceptiveField> rf = new LinkedHashMap<>();
        rf.put(Layer.NETWORK_INPUT, ReceptiveField.INPUT);
        for (Node n : nodes) {
            ReceptiveField in = null;
            for (String i : n.layer().inputs()) {
                in = in == null ? rf.get(i) : in.max(rf.get(i));
            }
            Layer l = n.layer();
            ReceptiveField out;
            if (l instanceof Conv2d c) {
                out = in.through(c.kernel(), c.stride(), c.dilation());
            } else if (l instanceof MaxPool2d p) {
                out = in.through(p.kernel(), p.stride(), Dims2.square(1));
            } else if (l instanceof AvgPool2d p) {
                out = in.through(p.kernel(), p.stride(), Dims2.square(1));
            } else {
                out = in;
            }
            rf.put(n.name(), out);
        }
        rf.remove(Layer.NETWORK_INPUT);
        return rf;
    }

    /** Same layers at another input shape (e.g. another batch or resolution); re-validated. */
    public Network withInputShape(Shape shape) {
        return of(name, shape, layers());
    }
}
