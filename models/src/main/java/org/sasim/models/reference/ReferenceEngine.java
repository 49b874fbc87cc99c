package org.sasim.models.reference;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.Quantization;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.DenseParams;
import org.sasim.models.weights.LayerParams;
import org.sasim.models.weights.ParamSpec;
import org.sasim.models.weights.Weights;

/**
 * The reference engine: an independent, obviously-correct evaluation of every layer kind by direct loops (no
 * im2col, no blocking), against which the simulated datapath is checked.
 *
 * <p>Float layers take and return float32 tensors and accumulate in float64, so they are at least as accurate as
 * PyTorch's float32 results. Convolution and linear layers also have an exact int8 x int8 to int32 form
 * ({@link #evaluateInt8}), and whole networks run in int8 under the scheme of docs/quantization.md
 * ({@link #calibrate}, {@link #runInt8}).
 */
public final class ReferenceEngine {
    private ReferenceEngine() {
    }

    /** Which layer outputs {@link #run(Network, Weights, FloatTensor, Retention)} keeps. */
    public enum Retention {
        /** Keep every layer's output (layer-by-layer debugging; memory grows with the network). */
        ALL,
        /** Keep only the network output; intermediate tensors are dropped after their last consumer ran. */
        OUTPUT_ONLY
    }

    /**
     * Evaluates one float layer.
     *
     * @param layer  the layer
     * @param inputs its inputs, in the order of {@link Layer#inputs()}
     * @param params its parameters ({@link DenseParams} for conv/linear, {@link BatchNormParams} for batch norm),
     *               {@code null} for layers without parameters
     * @return the layer output, of the shape {@link Layer#outputShape} gives
     * @throws GraphException when an input or parameter shape does not fit the layer (names the layer)
     */
    public static FloatTensor evaluate(Layer layer, List<FloatTensor> inputs, LayerParams params) {
        if (inputs.size() != layer.inputs().size()) {
            throw new GraphException(layer.name(), "expects " + layer.inputs().size() + " inputs, got "
                    + inputs.size());
        }
        if (ParamSpec.of(layer).isEmpty()) {
            if (params != null) {
                throw new GraphException(layer.name(), "a " + layer.kind() + " layer takes no parameters");
            }
        } else {
            if (params == null) {
                throw new GraphException(layer.name(), "missing parameters");
            }
            Weights.check(layer, params, "");
        }
        FloatTensor out = dispatch(layer, inputs, params);
        List<Shape> shapes = new ArrayList<>();
        for (FloatTensor t : inputs) {
            shapes.add(t.shape());
        }
        if (!out.shape().equals(layer.outputShape(shapes))) {
            throw new IllegalStateException("reference " + layer.kind() + " produced shape " + out.shape()
                    + " instead of " + layer.outputShape(shapes) + " for layer '" + layer.name() + "'");
        }
        return out;
    }

    // Java 17 has no pattern switch over sealed types; this chain covers every permitted Layer, which
    // ReferenceEngineTest checks against Layer.class.getPermittedSubclasses().
    private static FloatTensor dispatch(Layer layer, List<FloatTensor> in, LayerParams params) {
        if (layer instanceof Conv2d l) {
            DenseParams p = (DenseParams) params;
            return ReferenceConv.conv2d(l, in.get(0), p.weight(), p.bias());
        } else if (layer instanceof Linear l) {
            DenseParams p = (DenseParams) params;
            return ReferenceLinear.linear(l, in.get(0), p.weight(), p.bias());
        } else if (layer instanceof MaxPool2d l) {
            return ReferencePool.maxPool(l, in.get(0));
        } else if (layer instanceof AvgPool2d l) {
            return ReferencePool.avgPool(l, in.get(0));
        } else if (layer instanceof AdaptiveAvgPool2d l) {
            return ReferencePool.adaptiveAvgPool(l, in.get(0));
        } else if (layer instanceof GlobalAvgPool l) {
            return ReferencePool.globalAvgPool(l, in.get(0));
        } else if (layer instanceof Relu) {
            return ReferenceActivation.relu(in.get(0));
        } else if (layer instanceof LeakyRelu l) {
            return ReferenceActivation.leakyRelu(in.get(0), l.negativeSlope());
        } else if (layer instanceof Sigmoid) {
            return ReferenceActivation.sigmoid(in.get(0));
        } else if (layer instanceof Tanh) {
            return ReferenceActivation.tanh(in.get(0));
        } else if (layer instanceof BatchNorm2d l) {
            return ReferenceNorm.batchNorm(l, in.get(0), (BatchNormParams) params);
        } else if (layer instanceof Add l) {
            return ReferenceTensorOps.add(l, in);
        } else if (layer instanceof Flatten l) {
            return ReferenceTensorOps.flatten(l, in.get(0));
        } else if (layer instanceof Softmax l) {
            return ReferenceNorm.softmax(l, in.get(0));
        } else if (layer instanceof Lrn l) {
            return ReferenceNorm.lrn(l, in.get(0));
        } else if (layer instanceof Dropout) {
            return in.get(0); // inference: identity
        }
        throw new AssertionError("reference engine has no implementation for layer kind " + layer.kind());
    }

    /**
     * Evaluates a convolution or linear layer exactly on int8 data: int8 activations times int8 weights (zero
     * points 0), summed in an int32 accumulator together with the optional int32 bias.
     *
     * @param layer a {@link Conv2d} or {@link Linear}
     * @param bias  one int32 per output channel/feature, or {@code null}
     * @throws GraphException      for another layer kind or a shape that does not fit (names the layer)
     * @throws ArithmeticException when a sum overflows int32 (names the layer)
     */
    public static IntTensor evaluateInt8(Layer layer, ByteTensor input, ByteTensor weight, IntTensor bias) {
        if (layer instanceof Conv2d c) {
            if (c.bias() != (bias != null)) {
                throw new GraphException(c.name(), c.bias() ? "missing bias" : "declared without bias but got one");
            }
            return ReferenceConv.conv2dInt8(c, input, weight, bias);
        }
        if (layer instanceof Linear l) {
            if (l.bias() != (bias != null)) {
                throw new GraphException(l.name(), l.bias() ? "missing bias" : "declared without bias but got one");
            }
            return ReferenceLinear.linearInt8(l, input, weight, bias);
        }
        throw new GraphException(layer.name(), "int8 evaluation is defined for conv2d and linear, not "
                + layer.kind());
    }

    /** Runs the whole network, keeping every layer's output. */
    public static ReferenceRun run(Network network, Weights weights, FloatTensor input) {
        return run(network, weights, input, Retention.ALL);
    }

    /**
     * Runs the whole network in execution order.
     *
     * @param input     the network input, of {@link Network#inputShape()}
     * @param retention which layer outputs to keep; {@link Retention#OUTPUT_ONLY} bounds memory to the tensors
     *                  still needed by later layers
     */
    public static ReferenceRun run(Network network, Weights weights, FloatTensor input, Retention retention) {
        Map<String, FloatTensor> kept = new LinkedHashMap<>();
        FloatTensor out = run(network, weights, input, (name, t) -> {
            if (retention == Retention.ALL) {
                kept.put(name, t);
            }
        });
        if (retention == Retention.OUTPUT_ONLY) {
            kept.put(network.output().name(), out);
        }
        return new ReferenceRun(out, kept);
    }

    /**
     * Runs the whole network in execution order, handing every layer's output to {@code observer} as soon as it is
     * computed; a tensor is dropped after its last consumer, so memory is bounded by the live activations.
     *
     * @return the network output
     */
    public static FloatTensor run(Network network, Weights weights, FloatTensor input,
                                  BiConsumer<String, FloatTensor> observer) {
        if (!input.shape().equals(network.inputShape())) {
            throw new IllegalArgumentException("input shape " + input.shape() + " does not match network '"
                    + network.name() + "' input shape " + network.inputShape());
        }
        return inOrder(network, input, (node, ins) -> evaluate(node.layer(), ins, weights.get(node.name())),
                observer);
    }

    /**
     * Calibrates int8 scales with one fp32 reference pass over {@code input}: records max |x| of the input and of
     * every layer's output and applies {@link Quantization#fromRanges}.
     */
    public static Quantization calibrate(Network network, Weights weights, FloatTensor input,
                                         WeightGranularity granularity) {
        Map<String, Double> maxAbs = new HashMap<>();
        run(network, weights, input, (name, t) -> maxAbs.put(name, maxAbs(t)));
        return Quantization.fromRanges(network, granularity, maxAbs(input), maxAbs);
    }

    /**
     * Runs an int8 network (docs/quantization.md) on the int8 {@code input} (see
     * {@link Int8Network#quantizeInput}), handing every layer's int8 output to {@code observer}.
     *
     * @return the network's int8 output (scale {@code program.scale(output layer)})
     */
    public static ByteTensor runInt8(Int8Network program, ByteTensor input,
                                     BiConsumer<String, ByteTensor> observer) {
        Network network = program.network();
        if (!input.shape().equals(network.inputShape())) {
            throw new IllegalArgumentException("input shape " + input.shape() + " does not match network '"
                    + network.name() + "' input shape " + network.inputShape());
        }
        return inOrder(network, input, (node, ins) -> ReferenceInt8.evaluate(node, ins, program), observer);
    }

    private static double maxAbs(FloatTensor t) {
        double m = 0;
        for (float v : t.data()) {
            m = Math.max(m, Math.abs((double) v));
        }
        return m;
    }

    /** Evaluates nodes in order, keeping each tensor until its last consumer has run. */
    private static <T> T inOrder(Network network, T input, BiFunction<Node, List<T>, T> layer,
                                 BiConsumer<String, T> observer) {
        List<Node> nodes = network.nodes();
        // Index of the last node that reads each tensor, so it can be dropped right after.
        Map<String, Integer> lastUse = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (String in : nodes.get(i).layer().inputs()) {
                lastUse.put(in, i);
            }
        }
        Map<String, T> live = new HashMap<>();
        live.put(Layer.NETWORK_INPUT, input);
        T out = null;
        for (int i = 0; i < nodes.size(); i++) {
            Node node = nodes.get(i);
            List<T> ins = new ArrayList<>();
            for (String in : node.layer().inputs()) {
                ins.add(live.get(in));
            }
            out = layer.apply(node, ins);
            observer.accept(node.name(), out);
            live.put(node.name(), out);
            for (String in : node.layer().inputs()) {
                if (lastUse.get(in) == i) {
                    live.remove(in);
                }
            }
        }
        return out;
    }
}
