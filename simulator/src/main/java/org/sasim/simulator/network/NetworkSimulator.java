package org.sasim.simulator.network;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.QuantizedDense;
import org.sasim.models.quant.Quantization;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.tensor.Tensor;
import org.sasim.models.weights.BatchNormFolding;
import org.sasim.models.weights.BatchNormParams;
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
import org.sasim.simulator.memory.IfmapCountMemo;
import org.sasim.simulator.memory.IfmapFootprint;
import org.sasim.simulator.memory.MemoryResult;
import org.sasim.simulator.memory.MemorySystem;
import org.sasim.simulator.memory.MemoryWorkload;
import org.sasim.simulator.vector.VectorCostModel;
import org.sasim.simulator.vector.VectorOpCost;
import org.sasim.simulator.vector.VectorUnit;

/**
 * Runs a whole network on the accelerator in topological order: conv and linear layers on the systolic array
 * (through the memory hierarchy), everything else on the vector unit. With tensors, each layer's output feeds its
 * consumers; a tensor is dropped right after its last consumer, so residual branches live exactly until their add
 * and memory stays bounded by the live activations. Timing-only runs skip the tensors.
 *
 * <p>fp32 and bf16 tensor runs: bf16 rounds operands fp32 to bf16 (nearest even) on the way into the array and
 * accumulates in fp32; the vector unit works in fp32. int8 runs follow docs/quantization.md: int8 GEMMs with int32
 * accumulation on the array, fixed-point requantization in its output stage, int8 kernels on the vector unit, batch
 * norms folded into their convs; bit-exact with {@link ReferenceEngine#runInt8}.
 */
public final class NetworkSimulator {
    private final Accelerator accelerator;
    private final SimulationOptions options;
    private final MemorySystem memory;
    private final VectorUnit vectorUnit;
    private final LayerCosting costing;
    /** Array-layer timings computed so far (a memo: results never depend on whether a key was seen before). */
    private final Map<ArrayLayerKey, ArrayLayerTiming> layerTimings = new ConcurrentHashMap<>();

    public NetworkSimulator(Accelerator accelerator, SimulationOptions options) {
        this.accelerator = accelerator;
        this.options = options;
        this.memory = new MemorySystem(accelerator.memory());
        this.vectorUnit = new VectorUnit(accelerator.vector());
        this.costing = new LayerCosting(accelerator);
    }

    /** Timing only: cycles, stalls and traffic of every layer, no tensors. */
    public NetworkResult timing(Network network) {
        return timing(network, null);
    }

    /**
     * Timing only, streaming a per-tile trace of every layer to {@code trace} as it is simulated (nothing is kept,
     * so memory stays bounded whatever the network). Per layer, a header line
     * {@code layer,NAME,KIND,array|vector|folded}; for array layers then the memory system's lines
     * ({@code prologue,...}, one {@code tile,T,start,CYCLE,end,CYCLE,stall,CYCLES} per tile and one
     * {@code dram,OPERAND,read|write,BYTES,start,CYCLE,end,CYCLE,for_tile,T} per DRAM transfer, cycles relative to
     * the layer's first tile); for vector layers one
     * {@code vector,cycles,C,sram_reads,WORDS,sram_writes,WORDS,dram_read_bytes,B,dram_write_bytes,B,stall,C}.
     *
     * @param trace where the lines go (one per line, {@code \n}-terminated); null for no trace
     * @throws UncheckedIOException when writing fails
     */
    public NetworkResult timing(Network network, Writer trace) {
        List<LayerResult> layers = new ArrayList<>();
        Set<String> folded = foldedBatchNorms(network);
        boolean[] onChip = onChipActivations(network, folded);
        List<Node> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            layers.add(layerTiming(nodes.get(i), folded, inputOnChip(network, i, onChip), onChip[i], trace));
        }
        return new NetworkResult(network.name(), accelerator.clockGHz(), layers, Optional.empty());
    }

    /**
     * Timing only on accelerators that differ in nothing but DRAM bandwidth (a bandwidth sweep): element i equals
     * {@code new NetworkSimulator(accelerators.get(i), options).timing(network)}, to the bit. Faster than separate
     * simulators: cutting an array layer into candidate tilings does not depend on the bandwidth, so each layer's
     * candidates are cut once for all the accelerators, and the search for its stall-free bandwidth (which does
     * not depend on the bandwidth either) runs once. Memory grows with the number of accelerators (the chosen
     * tiling of each layer at each bandwidth is held while its layer is planned), so callers bound it.
     *
     * @param accelerators at least one; all equal once their DRAM bandwidths are set equal
     *                     ({@link #withoutDramBandwidth}; names may differ)
     * @throws IllegalArgumentException when the accelerators differ in more than DRAM bandwidth, or when they
     *                                  cannot run the network (e.g. scratchpads too small for any tiling; that
     *                                  does not depend on the bandwidth)
     */
    public static List<NetworkResult> timingAcrossBandwidths(Network network, List<Accelerator> accelerators,
                                                             SimulationOptions options) {
        return timingAcrossBandwidths(network, accelerators, options, new IfmapCountMemo());
    }

    /**
     * As {@link #timingAcrossBandwidths(Network, List, SimulationOptions)}, counting IFMAP blocks through
     * {@code memo}: a caller that times the same network on many arrays on one thread passes the same memo to each
     * call (same results, fewer recounts).
     */
    public static List<NetworkResult> timingAcrossBandwidths(Network network, List<Accelerator> accelerators,
                                                             SimulationOptions options, IfmapCountMemo memo) {
        if (accelerators.isEmpty()) {
            throw new IllegalArgumentException("timing across bandwidths needs at least one accelerator");
        }
        Accelerator base = withoutDramBandwidth(accelerators.get(0));
        List<NetworkSimulator> sims = new ArrayList<>();
        double[] bandwidths = new double[accelerators.size()];
        for (int k = 0; k < accelerators.size(); k++) {
            Accelerator a = accelerators.get(k);
            if (!withoutDramBandwidth(a).equals(base)) {
                throw new IllegalArgumentException("accelerator " + k + " differs from accelerator 0 in more than "
                        + "DRAM bandwidth: " + a + " vs " + accelerators.get(0));
            }
            sims.add(new NetworkSimulator(a, options));
            bandwidths[k] = a.memory().dramBytesPerCycle();
        }
        NetworkSimulator first = sims.get(0);
        // folding and on-chip activations depend on the datatype, the IFMAP scratchpad and the options, all shared
        Set<String> folded = first.foldedBatchNorms(network);
        boolean[] onChip = first.onChipActivations(network, folded);
        List<List<LayerResult>> layers = new ArrayList<>();
        for (int k = 0; k < sims.size(); k++) {
            layers.add(new ArrayList<>());
        }
        // equal array layers (ResNet's repeated blocks) are planned once, as timing() does per simulator
        Map<ArrayLayerKey, ArrayLayerTimings> planned = new HashMap<>();
        List<Node> nodes = network.nodes();
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            boolean inOnChip = inputOnChip(network, i, onChip);
            if (folded.contains(node.name()) || VectorCostModel.runsOnVectorUnit(node)) {
                for (int k = 0; k < sims.size(); k++) {
                    layers.get(k).add(sims.get(k).layerTiming(node, folded, inOnChip, onChip[i], null));
                }
                continue;
            }
            ArrayMapping mapping = ArrayMapping.of(Im2colMapping.gemmOf(node).orElseThrow(), base.array());
            IfmapFootprint footprint = IfmapFootprint.of(node);
            ArrayLayerTimings t = planned.computeIfAbsent(new ArrayLayerKey(mapping, footprint, inOnChip,
                    onChip[i]), key -> {
                FoldSchedule schedule = new FoldSchedule(mapping, options.convention());
                MemoryWorkload w = first.workload(schedule, key);
                return new ArrayLayerTimings(ArrayResult.timing(schedule),
                        first.memory.simulate(w, bandwidths, memo));
            });
            for (int k = 0; k < sims.size(); k++) {
                layers.get(k).add(sims.get(k).costing.arrayLayer(node, t.array(), t.memory()[k]));
            }
        }
        List<NetworkResult> out = new ArrayList<>();
        for (int k = 0; k < sims.size(); k++) {
            out.add(new NetworkResult(network.name(), accelerators.get(k).clockGHz(), layers.get(k),
                    Optional.empty()));
        }
        return out;
    }

    /**
     * The accelerator with its DRAM bandwidth set to 1 byte/cycle and no name (a label that times nothing): equal
     * for two accelerators whose timing differs only through the bandwidth.
     */
    public static Accelerator withoutDramBandwidth(Accelerator a) {
        return new Accelerator("", a.array(), a.datatype(), a.clockGHz(), a.memory().withDramBytesPerCycle(1),
                a.vector());
    }

    /**
     * Runs the network with tensors from {@code input}; weights give every conv, linear and batch-norm layer. An
     * int8 accelerator first calibrates the scales with one fp32 reference pass over {@code input}
     * ({@link ReferenceEngine#calibrate}, weight granularity from the options) and then runs
     * {@link #runInt8}; the result's output is then the dequantized int8 output.
     */
    public NetworkResult run(Network network, Weights weights, FloatTensor input) {
        return run(network, weights, input, (name, t) -> { }, OutputLifetime.DURING_CALL);
    }

    /**
     * Runs the network with tensors, handing every layer's output to {@code observer} as soon as it is computed
     * (for layer-by-layer checks; keeping them is the observer's choice). int8 runs hand over dequantized outputs.
     */
    public NetworkResult run(Network network, Weights weights, FloatTensor input,
                             BiConsumer<String, FloatTensor> observer) {
        return run(network, weights, input, observer, OutputLifetime.KEPT);
    }

    /**
     * {@link #run(Network, Weights, FloatTensor, BiConsumer)}, the outputs handed to {@code observer} valid for
     * {@code lifetime} (the same bits either way).
     */
    public NetworkResult run(Network network, Weights weights, FloatTensor input,
                             BiConsumer<String, FloatTensor> observer, OutputLifetime lifetime) {
        checkInput(network, input);
        if (accelerator.datatype() == Datatype.INT8) {
            Quantization q = ReferenceEngine.calibrate(network, weights, input, options.weightGranularity());
            Int8Network program = Int8Network.of(network, weights, q);
            // the observer sees dequantized copies, never the int8 arrays
            return runInt8(program, input, (name, t) -> observer.accept(name, program.dequantize(name, t)),
                    OutputLifetime.DURING_CALL);
        }
        Set<String> folded = foldedBatchNorms(network);
        Map<String, DenseParams> foldedConvs = new HashMap<>();
        BatchNormFolding.foldablePairs(network).forEach((bn, conv) -> {
            if (folded.contains(bn)) {
                BatchNorm2d b = (BatchNorm2d) network.node(bn).layer();
                foldedConvs.put(conv, BatchNormFolding.fold((DenseParams) weights.get(conv),
                        (BatchNormParams) weights.get(bn), b.eps()));
            }
        });
        List<LayerResult> layers = new ArrayList<>();
        FloatTensor out = inOrder(network, folded, input, (node, ins, workers, overwrite) -> {
            if (folded.contains(node.name())) {
                return ins.get(0); // folded into the conv before it
            }
            if (VectorCostModel.runsOnVectorUnit(node)) {
                return vectorUnit.execute(node, ins, weights.get(node.name()), workers, overwrite);
            }
            DenseParams p = foldedConvs.getOrDefault(node.name(), (DenseParams) weights.get(node.name()));
            return (FloatTensor) onArray(node, ins.get(0), p.weight(), p.bias(), workers);
        }, FloatTensor::data, observer, lifetime, layers);
        return new NetworkResult(network.name(), accelerator.clockGHz(), layers, Optional.of(out));
    }

    /**
     * Runs an int8 network (docs/quantization.md) on the datapath: conv and linear layers as int8 GEMMs on the
     * array with int32 accumulation, requantized by the array's output stage; every other layer on the vector
     * unit's int8 kernels. Batch norms are folded. {@code input} is quantized with the program's input scale.
     *
     * @param observer receives every layer's int8 output as soon as it is computed
     * @return the result; {@link NetworkResult#int8Output()} holds the int8 output, {@link NetworkResult#output()}
     *         its dequantized values
     */
    public NetworkResult runInt8(Int8Network program, FloatTensor input, BiConsumer<String, ByteTensor> observer) {
        return runInt8(program, input, observer, OutputLifetime.KEPT);
    }

    /** {@link #runInt8(Int8Network, FloatTensor, BiConsumer)} without an observer. */
    public NetworkResult runInt8(Int8Network program, FloatTensor input) {
        return runInt8(program, input, (name, t) -> { }, OutputLifetime.DURING_CALL);
    }

    /**
     * {@link #runInt8(Int8Network, FloatTensor, BiConsumer)}, the outputs handed to {@code observer} valid for
     * {@code lifetime} (the same bits either way).
     */
    public NetworkResult runInt8(Int8Network program, FloatTensor input, BiConsumer<String, ByteTensor> observer,
                                 OutputLifetime lifetime) {
        if (accelerator.datatype() != Datatype.INT8) {
            throw new IllegalArgumentException("int8 programs run on int8 accelerators, this one is "
                    + accelerator.datatype());
        }
        Network network = program.network();
        checkInput(network, input);
        Set<String> folded = foldedBatchNorms(network);
        List<LayerResult> layers = new ArrayList<>();
        ByteTensor out = inOrder(network, folded, program.quantizeInput(input), (node, ins, workers, overwrite) -> {
            if (VectorCostModel.runsOnVectorUnit(node)) {
                return vectorUnit.executeInt8(node, ins, program, workers, overwrite);
            }
            QuantizedDense d = program.dense(node.name());
            IntTensor acc = (IntTensor) onArray(node, ins.get(0), d.weight(), d.bias(), workers);
            return vectorUnit.requantize(acc, d, workers);
        }, ByteTensor::data, observer, lifetime, layers);
        return new NetworkResult(network.name(), accelerator.clockGHz(), layers,
                Optional.of(program.dequantize(network.output().name(), out)), Optional.of(out));
    }

    private Tensor onArray(Node node, Tensor input, Tensor weight, Tensor bias, GemmWorkers workers) {
        ArrayResult r = SystolicArray.run(node, input, weight, bias, accelerator.array(), accelerator.datatype(),
                options.convention(), options.engine(), workers);
        return r.output().orElseThrow();
    }

    private void checkInput(Network network, FloatTensor input) {
        if (!input.shape().equals(network.inputShape())) {
            throw new IllegalArgumentException("input shape " + input.shape() + " does not match network '"
                    + network.name() + "' input " + network.inputShape());
        }
    }

    /**
     * Computes every node in order with {@code layer}, costing each, and drops a tensor right after its last
     * consumer; returns the network output and appends the per-layer results to {@code layers}. With
     * {@link OutputLifetime#DURING_CALL}, a node may write over its first input's array when this node is that
     * array's last reader: the input's last consumer, not the caller's input, and no other live tensor (a view
     * through flatten or dropout, another input of the node) sharing the array.
     */
    private <T> T inOrder(Network network, Set<String> folded, T input, LayerStep<T> layer,
                          Function<T, Object> arrayOf, BiConsumer<String, ? super T> observer,
                          OutputLifetime lifetime, List<LayerResult> layers) {
        List<Node> nodes = network.nodes();
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).layer().inputs()) {
                lastUse.put(in, i);
            }
        }
        boolean[] onChip = onChipActivations(network, folded);
        Map<String, T> live = new HashMap<>();
        live.put(Layer.NETWORK_INPUT, input);
        T out = input;
        // one pool of GEMM worker threads for the whole run, not one per layer
        try (GemmWorkers workers = new GemmWorkers(options.threads())) {
            for (int i = 0; i < nodes.size(); i++) {
                Node node = nodes.get(i);
                List<T> ins = new ArrayList<>();
                for (String in : node.layer().inputs()) {
                    ins.add(live.get(in));
                }
                out = layer.apply(node, ins, workers, lifetime == OutputLifetime.DURING_CALL
                        && lastReader(node, i, lastUse, live, arrayOf, arrayOf.apply(input)));
                layers.add(layerTiming(node, folded, inputOnChip(network, i, onChip), onChip[i], null));
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
        return out;
    }

    /** Whether node {@code i} is the last reader of its first input's array (see {@link #inOrder}). */
    private static <T> boolean lastReader(Node node, int i, Map<String, Integer> lastUse, Map<String, T> live,
                                          Function<T, Object> arrayOf, Object callersInput) {
        List<String> ins = node.layer().inputs();
        String first = ins.get(0);
        Object array = arrayOf.apply(live.get(first));
        if (first.equals(Layer.NETWORK_INPUT) || lastUse.get(first) != i || array == callersInput) {
            return false;
        }
        for (Map.Entry<String, T> e : live.entrySet()) {
            if (!e.getKey().equals(first) && arrayOf.apply(e.getValue()) == array) {
                return false;
            }
        }
        return ins.indexOf(first) == ins.lastIndexOf(first);
    }

    /**
     * One layer's numerics, given its input tensors, the run's GEMM workers and whether it may write its output
     * over its first input's array.
     */
    @FunctionalInterface
    private interface LayerStep<T> {
        T apply(Node node, List<T> ins, GemmWorkers workers, boolean overwriteInput);
    }

    /** Batch norms folded into their conv: all foldable ones on int8 accelerators or with the option, else none. */
    private Set<String> foldedBatchNorms(Network network) {
        if (accelerator.datatype() == Datatype.INT8 || options.foldBatchNorm()) {
            return BatchNormFolding.foldablePairs(network).keySet();
        }
        return Set.of();
    }

    private LayerResult layerTiming(Node node, Set<String> folded, boolean inOnChip, boolean outOnChip,
                                    Writer trace) {
        if (folded.contains(node.name())) {
            line(trace, "layer," + node.name() + "," + node.layer().kind() + ",folded");
            return costing.vectorLayer(node, VectorOpCost.FREE, inOnChip, outOnChip);
        }
        if (VectorCostModel.runsOnVectorUnit(node)) {
            LayerResult r = costing.vectorLayer(node, vectorUnit.cost(node), inOnChip, outOnChip);
            line(trace, "layer," + node.name() + "," + node.layer().kind() + ",vector");
            line(trace, "vector,cycles," + r.vectorUnitCycles() + ",sram_reads," + r.ifmapSram().readsWords()
                    + ",sram_writes," + r.ofmapSram().writesWords() + ",dram_read_bytes," + r.dram().readBytes()
                    + ",dram_write_bytes," + r.dram().writtenBytes() + ",stall," + r.stallCycles());
            return r;
        }
        line(trace, "layer," + node.name() + "," + node.layer().kind() + ",array");
        ArrayMapping mapping = ArrayMapping.of(Im2colMapping.gemmOf(node).orElseThrow(), accelerator.array());
        IfmapFootprint footprint = IfmapFootprint.of(node);
        ArrayLayerKey key = new ArrayLayerKey(mapping, footprint, inOnChip, outOnChip);
        if (trace != null) {
            // A trace needs every tile played out, so traced layers bypass the memo.
            FoldSchedule schedule = new FoldSchedule(mapping, options.convention());
            return costing.arrayLayer(node, ArrayResult.timing(schedule),
                    memory.simulate(workload(schedule, key), trace));
        }
        ArrayLayerTiming t = layerTimings.computeIfAbsent(key, k -> {
            FoldSchedule schedule = new FoldSchedule(mapping, options.convention());
            return new ArrayLayerTiming(ArrayResult.timing(schedule), memory.simulate(workload(schedule, k)));
        });
        return costing.arrayLayer(node, t.array(), t.memory());
    }

    /** What the memory hierarchy sees of an array layer: its tiles, folds and where its activations live. */
    private MemoryWorkload workload(FoldSchedule schedule, ArrayLayerKey key) {
        return new MemoryWorkload(key.mapping(), key.footprint(), accelerator.datatype(), FoldCycles.of(schedule),
                key.inOnChip(), key.outOnChip());
    }

    /**
     * What an array layer's timing depends on: its GEMM on the array, its input geometry and where its activations
     * live (datatype, convention and memories are the simulator's). ResNets repeat the same shapes block after
     * block, and tensor runs of one network repeat every layer, so equal keys reuse the first one's results.
     */
    private record ArrayLayerKey(ArrayMapping mapping, IfmapFootprint footprint, boolean inOnChip,
                                 boolean outOnChip) {
        // written out, as in its components: the generated ones cost ~0.1 s of start-up (ArrayMapping.equals)
        @Override
        public boolean equals(Object o) {
            return o instanceof ArrayLayerKey k && mapping.equals(k.mapping) && footprint.equals(k.footprint)
                    && inOnChip == k.inOnChip && outOnChip == k.outOnChip;
        }

        @Override
        public int hashCode() {
            return ((mapping.hashCode() * 31 + footprint.hashCode()) * 31 + (inOnChip ? 1 : 0)) * 31
                    + (outOnChip ? 1 : 0);
        }
    }

    private record ArrayLayerTiming(ArrayResult array, MemoryResult memory) {
    }

    /** One array layer's timing at each bandwidth of {@link #timingAcrossBandwidths} (the array's is shared). */
    private record ArrayLayerTimings(ArrayResult array, MemoryResult[] memory) {
    }

    private static void line(Writer trace, String s) {
        if (trace == null) {
            return;
        }
        try {
            trace.write(s);
            trace.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing the network trace", e);
        }
    }

    /**
     * Which activations stay on chip: with the option on, node i's output does when its only consumer is node
     * i+1, neither is a re-view (flatten, dropout, a folded batch norm), and it fits half the IFMAP scratchpad.
     */
    private boolean[] onChipActivations(Network network, Set<String> folded) {
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
                    && !isView(n, folded) && !isView(next, folded)
                    && n.activationBytes(accelerator.datatype().operandBytes()) <= half;
        }
        return keep;
    }

    private static boolean isView(Node n, Set<String> folded) {
        return n.layer() instanceof Flatten || n.layer() instanceof Dropout || folded.contains(n.name());
    }

    private static boolean inputOnChip(Network network, int i, boolean[] onChip) {
        return i > 0 && onChip[i - 1] && network.nodes().get(i).layer().inputs().size() == 1;
    }
}
