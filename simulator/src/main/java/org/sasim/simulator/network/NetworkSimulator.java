package org.sasim.simulator.network;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.models.weights.DenseParams;
import org.sasim.models.weights.Weights;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.ArrayResult;
import org.sasim.simulator.compute.FoldSchedule;
import org.sasim.simulator.compute.GemmWorkers;
import org.sasim.simulator.compute.SystolicArray;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Im2colMapping;
import org.sasim.simulator.memory.FoldCycles;
import org.sasim.simulator.memory.IfmapFootprint;
import org.sasim.simulator.memory.MemoryResult;
import org.sasim.simulator.memory.MemorySystem;
import org.sasim.simulator.memory.MemoryWorkload;
import org.sasim.simulator.vector.VectorCostModel;
import org.sasim.simulator.vector.VectorUnit;

/**
 * Runs a whole network on the accelerator in topological order: conv and linear layers on the systolic array
 * (through the memory hierarchy), everything else on the vector unit. With tensors, each layer's output feeds its
 * consumers; a tensor is dropped right after its last consumer, so residual branches live exactly until their add
 * and memory stays bounded by the live activations. Timing-only runs skip the tensors.
 *
 * <p>Tensor runs take fp32 and bf16 accelerators (bf16: the array rounds operands fp32 to bf16, nearest even, and
 * accumulates in fp32; the vector unit works in fp32).
 */
public final class NetworkSimulator {
    private final Accelerator accelerator;
    private final SimulationOptions options;
    private final MemorySystem memory;
    private final VectorUnit vectorUnit;
    private final LayerCosting costing;

    public NetworkSimulator(Accelerator accelerator, SimulationOptions options) {
        this.accelerator = accelerator;
        this.options = options;
        this.memory = new MemorySystem(accelerator.memory());
        this.vectorUnit = new VectorUnit(accelerator.vector());
        this.costing = new LayerCosting(accelerator);
    }

    /** Timing only: cycles, stalls and traffic of every layer, no tensors. */
    public NetworkResult timing(Network network) {
        List<LayerResult> layers = new ArrayList<>();
        boolean[] onChip = onChipActivations(network);
        List<Node> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            layers.add(layerTiming(nodes.get(i), inputOnChip(network, i, onChip), onChip[i], null));
        }
        return new NetworkResult(network.name(), accelerator.clockGHz(), layers, Optional.empty());
    }

    /** Runs the network with tensors from {@code input}; weights give every conv, linear and batch-norm layer. */
    public NetworkResult run(Network network, Weights weights, FloatTensor input) {
        return run(network, weights, input, (name, t) -> { });
    }

    /**
     * Runs the network with tensors, handing every layer's output to {@code observer} as soon as it is computed
     * (for layer-by-layer checks; keeping them is the observer's choice).
     */
    public NetworkResult run(Network network, Weights weights, FloatTensor input,
                             BiConsumer<String, FloatTensor> observer) {
        Datatype dt = accelerator.datatype();
        if (dt == Datatype.INT8) {
            throw new IllegalArgumentException("tensor runs of whole networks take fp32 or bf16 accelerators; int8"
                    + " networks need a quantization scheme (not available yet)");
        }
        if (!input.shape().equals(network.inputShape())) {
            throw new IllegalArgumentException("input shape " + input.shape() + " does not match network '"
                    + network.name() + "' input " + network.inputShape());
        }
        List<Node> nodes = network.nodes();
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).layer().inputs()) {
                lastUse.put(in, i);
            }
        }
        boolean[] onChip = onChipActivations(network);
        Map<String, FloatTensor> live = new HashMap<>();
        live.put(Layer.NETWORK_INPUT, input);
        List<LayerResult> layers = new ArrayList<>();
        FloatTensor out = input;
        // one pool of GEMM worker threads for the whole run, not one per layer
        try (GemmWorkers workers = new GemmWorkers(options.threads())) {
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                List<FloatTensor> ins = new ArrayList<>();
                for (String in : node.layer().inputs()) {
                    ins.add(live.get(in));
                }
                FloatTensor[] produced = new FloatTensor[1];
                layers.add(layerTiming(node, inputOnChip(network, i, onChip), onChip[i], () -> {
                    produced[0] = compute(node, ins, weights, workers);
                }));
                out = produced[0];
                observer.accept(node.name(), out);
                for (String in : node.layer().inputs()) {
                    if (lastUse.get(in) == i) {
                        live.remove(in);
                    }
                }
                if (i < nodes.size() - 1) {
                    live.put(node.name(), out);
                }
            }
        }
        return new NetworkResult(network.name(), accelerator.clockGHz(), layers, Optional.of(out));
    }

    private FloatTensor compute(Node node, List<FloatTensor> ins, Weights weights, GemmWorkers workers) {
        if (VectorCostModel.runsOnVectorUnit(node)) {
            return vectorUnit.execute(node, ins, weights.get(node.name()));
        }
        DenseParams p = (DenseParams) weights.get(node.name());
        ArrayResult r = SystolicArray.run(node, ins.get(0), p.weight(), p.bias(), accelerator.array(),
                accelerator.datatype(), options.convention(), options.engine(), workers);
        Tensor t = r.output().orElseThrow();
        return (FloatTensor) t;
    }

    private LayerResult layerTiming(Node node, boolean inOnChip, boolean outOnChip, Runnable numerics) {
        if (numerics != null) {
            numerics.run();
        }
        if (VectorCostModel.runsOnVectorUnit(node)) {
            return costing.vectorLayer(node, vectorUnit.cost(node), inOnChip, outOnChip);
        }
        ArrayMapping mapping = ArrayMapping.of(Im2colMapping.gemmOf(node).orElseThrow(), accelerator.array());
        FoldSchedule schedule = new FoldSchedule(mapping, options.convention());
        MemoryWorkload w = new MemoryWorkload(mapping, IfmapFootprint.of(node), accelerator.datatype(),
                FoldCycles.of(schedule), inOnChip, outOnChip);
        MemoryResult m = memory.simulate(w);
        return costing.arrayLayer(node, ArrayResult.timing(schedule), m);
    }

    /**
     * Which activations stay on chip: with the option on, node i's output does when its only consumer is node
     * i+1, neither is a re-view (flatten, dropout), and it fits half the IFMAP scratchpad.
     */
    private boolean[] onChipActivations(Network network) {
        List<Node> nodes = network.nodes();
        boolean[] keep = new boolean[nodes.size()];
        if (!options.keepOnChip()) {
            return keep;
        }
        Map<String, Integer> consumers = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.layer().inputs()) {
                consumers.merge(in, 1, Integer::sum);
            }
        }
        long half = accelerator.memory().ifmapSramBytes() / 2;
        for (int i = 0; i + 1 < nodes.size(); i++) {
            Node n = nodes.get(i);
            Node next = nodes.get(i + 1);
            keep[i] = consumers.getOrDefault(n.name(), 0) == 1 && next.layer().inputs().contains(n.name())
                    && !isView(n) && !isView(next)
                    && n.activationBytes(accelerator.datatype().operandBytes()) <= half;
        }
        return keep;
    }

    private static boolean isView(Node n) {
        return n.layer() instanceof Flatten || n.layer() instanceof Dropout;
    }

    private static boolean inputOnChip(Network network, int i, boolean[] onChip) {
        return i > 0 && onChip[i - 1] && network.nodes().get(i).layer().inputs().size() == 1;
    }
}
