package org.sasim.simulator.vector;

import java.util.List;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.QuantizedDense;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.LayerParams;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * The vector unit: L fp32 lanes that run every layer the systolic array does not (pooling, activations, batch
 * norm, residual add, softmax, LRN, flatten, dropout). Its cycles come from {@link VectorCostModel}; its numbers are
 * computed here, in fp32, by the unit's own kernels (not by the reference engine).
 */
public final class VectorUnit {
    /** Everything on the calling thread (a one-thread {@link GemmWorkers} holds no threads and no state). */
    private static final GemmWorkers SINGLE_THREAD = new GemmWorkers(1);

    private final VectorCostModel costModel;
    private final LaneLoops loops;

    /** A vector unit whose kernels use the Java Vector API when its module is present, else scalar loops. */
    public VectorUnit(VectorUnitSpec spec) {
        this(spec, LaneLoops.best());
    }

    /** A vector unit whose kernels run their innermost loops with {@code loops} (the same bits either way). */
    VectorUnit(VectorUnitSpec spec, LaneLoops loops) {
        this.costModel = new VectorCostModel(spec.lanes());
        this.loops = loops;
    }

    public int lanes() {
        return costModel.lanes();
    }

    /** Cycles and scratchpad accesses of a node. */
    public VectorOpCost cost(Node node) {
        return costModel.cost(node);
    }

    /**
     * Computes a node's output.
     *
     * @param node   a node that runs on the vector unit
     * @param inputs its inputs, in the order of {@link Layer#inputs()}
     * @param params batch-norm parameters for {@link BatchNorm2d}, else null
     */
    public FloatTensor execute(Node node, List<FloatTensor> inputs, LayerParams params) {
        return execute(node, inputs, params, SINGLE_THREAD, false);
    }

    /** {@link #execute(Node, List, LayerParams, GemmWorkers, boolean)} into a fresh output array. */
    public FloatTensor execute(Node node, List<FloatTensor> inputs, LayerParams params, GemmWorkers workers) {
        return execute(node, inputs, params, workers, false);
    }

    /**
     * Computes a node's output, its element ranges or channel planes split over {@code workers}; the bits are the
     * same whatever the thread count.
     *
     * @param node    a node that runs on the vector unit
     * @param inputs  its inputs, in the order of {@link Layer#inputs()}
     * @param params  batch-norm parameters for {@link BatchNorm2d}, else null
     * @param workers the run's worker threads
     * @param overwriteInput whether the first input's array may hold the output (the caller guarantees that nothing
     *                       reads that array afterwards); element-wise layers then write in place
     */
    public FloatTensor execute(Node node, List<FloatTensor> inputs, LayerParams params, GemmWorkers workers,
                               boolean overwriteInput) {
        Layer l = node.layer();
        Shape out = node.outputShape();
        FloatTensor x = inputs.get(0);
        if (!x.shape().equals(node.inputShapes().get(0))) {
            throw new IllegalArgumentException("layer '" + node.name() + "' expects input " + node.inputShapes().get(0)
                    + ", got " + x.shape());
        }
        if (l instanceof MaxPool2d p) {
            return PoolingKernels.maxPool(p, x, out, loops, workers);
        } else if (l instanceof AvgPool2d p) {
            return PoolingKernels.avgPool(p, x, out, workers);
        } else if (l instanceof AdaptiveAvgPool2d p) {
            return PoolingKernels.adaptiveAvgPool(p, x, out, workers);
        } else if (l instanceof GlobalAvgPool) {
            return PoolingKernels.globalAvgPool(x, out, workers);
        } else if (l instanceof Relu) {
            return ElementwiseKernels.relu(x, loops, overwriteInput, workers);
        } else if (l instanceof LeakyRelu r) {
            return ElementwiseKernels.leakyRelu(x, r.negativeSlope(), overwriteInput, workers);
        } else if (l instanceof Sigmoid) {
            return ElementwiseKernels.sigmoid(x, overwriteInput, workers);
        } else if (l instanceof Tanh) {
            return ElementwiseKernels.tanh(x, overwriteInput, workers);
        } else if (l instanceof BatchNorm2d b) {
            if (!(params instanceof BatchNormParams p)) {
                throw new IllegalArgumentException("batch norm '" + node.name() + "' needs its parameters");
            }
            return ElementwiseKernels.batchNorm(x, p, b.eps(), loops, overwriteInput, workers);
        } else if (l instanceof Add) {
            return ElementwiseKernels.add(inputs, out, overwriteInput, workers);
        } else if (l instanceof Softmax) {
            return NormalizationKernels.softmax(x);
        } else if (l instanceof Lrn n) {
            return NormalizationKernels.lrn(n, x);
        } else if (l instanceof Flatten) {
            return x.reshape(out);
        } else if (l instanceof Dropout) {
            return x;
        }
        throw new IllegalArgumentException("layer '" + node.name() + "' (" + l.kind() + ") runs on the array, not"
                + " the vector unit");
    }

    /**
     * Computes a node's int8 output under the scheme of {@code program} (docs/quantization.md).
     *
     * @param inputs the node's int8 inputs, in the order of {@link Layer#inputs()}
     */
    public ByteTensor executeInt8(Node node, List<ByteTensor> inputs, Int8Network program) {
        return executeInt8(node, inputs, program, SINGLE_THREAD, false);
    }

    /** {@link #executeInt8(Node, List, Int8Network, GemmWorkers, boolean)} into a fresh output array. */
    public ByteTensor executeInt8(Node node, List<ByteTensor> inputs, Int8Network program, GemmWorkers workers) {
        return executeInt8(node, inputs, program, workers, false);
    }

    /**
     * Computes a node's int8 output under the scheme of {@code program}, its element ranges or channel planes split
     * over {@code workers}; the bits are the same whatever the thread count.
     *
     * @param inputs  the node's int8 inputs, in the order of {@link Layer#inputs()}
     * @param workers the run's worker threads
     * @param overwriteInput whether the first input's array may hold the output (the caller guarantees that nothing
     *                       reads that array afterwards); element-wise layers then write in place
     */
    public ByteTensor executeInt8(Node node, List<ByteTensor> inputs, Int8Network program, GemmWorkers workers,
                                  boolean overwriteInput) {
        Layer l = node.layer();
        Shape out = node.outputShape();
        ByteTensor x = inputs.get(0);
        if (!x.shape().equals(node.inputShapes().get(0))) {
            throw new IllegalArgumentException("layer '" + node.name() + "' expects input " + node.inputShapes().get(0)
                    + ", got " + x.shape());
        }
        String name = node.name();
        if (l instanceof MaxPool2d p) {
            return Int8Kernels.maxPool(p, x, out, loops, workers);
        } else if (l instanceof AvgPool2d p) {
            return Int8Kernels.avgPool(p, x, out, workers);
        } else if (l instanceof AdaptiveAvgPool2d || l instanceof GlobalAvgPool) {
            return Int8Kernels.adaptiveAvgPool(x, out, workers);
        } else if (l instanceof Relu) {
            return Int8Kernels.relu(x, loops, overwriteInput, workers);
        } else if (l instanceof LeakyRelu || l instanceof Sigmoid || l instanceof Tanh) {
            return Int8Kernels.table(x, program.table(name), overwriteInput, workers);
        } else if (l instanceof BatchNorm2d) {
            if (!program.isFolded(name)) {
                throw new IllegalArgumentException("int8 batch norm '" + name + "' must be folded into its conv");
            }
            return x;
        } else if (l instanceof Add) {
            return Int8Kernels.add(inputs, program.add(name), out, loops, overwriteInput, workers);
        } else if (l instanceof Softmax) {
            return Int8Kernels.softmax(x, program.softmax(name));
        } else if (l instanceof Lrn n) {
            return Int8Kernels.lrn(n, x, program.lrn(name));
        } else if (l instanceof Flatten) {
            return x.reshape(out);
        } else if (l instanceof Dropout) {
            return x;
        }
        throw new IllegalArgumentException("layer '" + node.name() + "' (" + l.kind() + ") runs on the array, not"
                + " the vector unit");
    }

    /**
     * Requantizes the systolic array's int32 accumulators of a conv or linear layer to its int8 output (the
     * array's output stage; no vector-unit cycles are charged for it).
     */
    public ByteTensor requantize(IntTensor accumulators, QuantizedDense layer) {
        return requantize(accumulators, layer, SINGLE_THREAD);
    }

    /** {@link #requantize(IntTensor, QuantizedDense)} with its channel planes split over {@code workers}. */
    public ByteTensor requantize(IntTensor accumulators, QuantizedDense layer, GemmWorkers workers) {
        return Int8Kernels.requantize(accumulators, layer, loops, workers);
    }
}
