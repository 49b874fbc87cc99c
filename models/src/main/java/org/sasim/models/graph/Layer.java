package org.sasim.models.graph;

import java.util.List;

/**
 * One node of a layer graph. The family is closed: every kind of layer sasim can run is listed here, and code that
 * handles layers switches over them exhaustively.
 *
 * <p>A layer knows its own parameters; its input shapes come from the graph. {@link #outputShape} validates the
 * inputs against the parameters and throws a {@link GraphException} naming this layer when they do not fit.
 */
public sealed interface Layer
        permits Conv2d, Linear, MaxPool2d, AvgPool2d, AdaptiveAvgPool2d, GlobalAvgPool, Relu, LeakyRelu, Sigmoid,
                Tanh, BatchNorm2d, Add, Flatten, Softmax, Lrn, Dropout {

    /** Name of the graph input, usable in {@link #inputs()}. */
    String NETWORK_INPUT = "input";

    /** Unique name of this layer within its network. */
    String name();

    /** Names of the layers (or {@link #NETWORK_INPUT}) whose outputs this layer consumes, in order. */
    List<String> inputs();

    /** Short kind name as used in workloads and tables, e.g. {@code conv2d}. */
    String kind();

    /** Output shape for the given input shapes; throws {@link GraphException} when they do not fit. */
    Shape outputShape(List<Shape> inputShapes);

    /** Number of learned parameters (weights, biases, BN gamma/beta). */
    default long params() {
        return 0;
    }

    /** Non-learned state, e.g. BN running mean and variance (elements). */
    default long buffers() {
        return 0;
    }

    /** Multiply-accumulates for one forward pass with these shapes (0 for layers that are not GEMM-like). */
    default long macs(List<Shape> inputShapes, Shape outputShape) {
        return 0;
    }

    /** Same layer with other inputs; used when the graph is rewired (e.g. in studies). */
    Layer withInputs(List<String> inputs);

    // ---- shared helpers for the single-input layers ----

    /** Checks that exactly one input is given and returns its shape. */
    static Shape single(Layer layer, List<Shape> inputShapes) {
        if (inputShapes.size() != 1) {
            throw new GraphException(layer.name(), "expects 1 input, got " + inputShapes.size());
        }
        return inputShapes.get(0);
    }

    /** Checks that the input is NCHW (rank 4) and returns it. */
    static Shape single4d(Layer layer, List<Shape> inputShapes) {
        Shape in = single(layer, inputShapes);
        if (in.rank() != 4) {
            throw new GraphException(layer.name(), "expects an NCHW input of rank 4, got shape " + in);
        }
        return in;
    }

    /** Checks that exactly one input name is given and returns it. */
    static String onlyInput(String layer, List<String> inputs) {
        if (inputs.size() != 1) {
            throw new GraphException(layer, "takes exactly 1 input, got " + inputs.size());
        }
        return inputs.get(0);
    }
}
