package org.sasim.models.quant;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.function.DoubleUnaryOperator;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.tensor.IntTensor;
import org.sasim.models.weights.BatchNormFolding;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.DenseParams;
import org.sasim.models.weights.Weights;

/**
 * A network's int8 program: the one shared definition of the quantization scheme's parameters (int8 weights, int32
 * biases, fixed-point requantizers, add rescales, lookup tables) that the reference engine and the simulated datapath
 * both execute, each with its own loops. Built from fp32 weights and a {@link Quantization}; see
 * docs/quantization.md.
 */
public final class Int8Network {
    private final Network network;
    private final Quantization quantization;
    private final Map<String, QuantizedDense> dense;
    private final Map<String, AddRescale> adds;
    private final Map<String, LookupTable> tables;
    private final Map<String, SoftmaxTable> softmaxes;
    private final Map<String, LrnRequantizer> lrns;
    private final Map<String, String> foldedBatchNorms;

    private Int8Network(Network network, Quantization quantization, Map<String, QuantizedDense> dense,
                        Map<String, AddRescale> adds, Map<String, LookupTable> tables,
                        Map<String, SoftmaxTable> softmaxes, Map<String, LrnRequantizer> lrns,
                        Map<String, String> foldedBatchNorms) {
        this.network = network;
        this.quantization = quantization;
        this.dense = Collections.unmodifiableMap(dense);
        this.adds = Collections.unmodifiableMap(adds);
        this.tables = Collections.unmodifiableMap(tables);
        this.softmaxes = Collections.unmodifiableMap(softmaxes);
        this.lrns = Collections.unmodifiableMap(lrns);
        this.foldedBatchNorms = Collections.unmodifiableMap(foldedBatchNorms);
    }

    /**
     * Quantizes {@code weights} for {@code network} with the scales of {@code q}.
     *
     * @throws GraphException for a batch norm that cannot fold into a preceding conv (int8 has no separate batch
     *                        norm) or a tensor without a scale (names the layer)
     */
    public static Int8Network of(Network network, Weights weights, Quantization q) {
        Map<String, String> folded = BatchNormFolding.foldablePairs(network);
        Map<String, BatchNorm2d> bnOfConv = new HashMap<>();
        for (Node n : network.nodes()) {
            if (n.layer() instanceof BatchNorm2d b) {
                if (!folded.containsKey(n.name())) {
                    throw new GraphException(n.name(), "int8 networks fold every batch norm into the conv before it;"
                            + " this one does not directly follow a conv whose output only it reads");
                }
                bnOfConv.put(folded.get(n.name()), b);
            }
        }
        Map<String, QuantizedDense> dense = new HashMap<>();
        Map<String, AddRescale> adds = new HashMap<>();
        Map<String, LookupTable> tables = new HashMap<>();
        Map<String, SoftmaxTable> softmaxes = new HashMap<>();
        Map<String, LrnRequantizer> lrns = new HashMap<>();
        for (Node n : network.nodes()) {
            Layer l = n.layer();
            String name = n.name();
            double out = q.scale(name);
            double in = q.scale(l.inputs().get(0));
            if (l instanceof Conv2d || l instanceof Linear) {
                DenseParams p = (DenseParams) weights.get(name);
                BatchNorm2d bn = bnOfConv.get(name);
                if (bn != null) {
                    p = BatchNormFolding.fold(p, (BatchNormParams) weights.get(bn.name()), bn.eps());
                }
                dense.put(name, quantizeDense(p, in, out, q.granularity()));
            } else if (l instanceof Add) {
                double[] ins = new double[l.inputs().size()];
                for (int i = 0; i < ins.length; i++) {
                    ins[i] = q.scale(l.inputs().get(i));
                }
                adds.put(name, AddRescale.of(ins, out));
            } else if (l instanceof Sigmoid) {
                tables.put(name, LookupTable.of(x -> 1 / (1 + StrictMath.exp(-x)), in, out));
            } else if (l instanceof Tanh) {
                tables.put(name, LookupTable.of(StrictMath::tanh, in, out));
            } else if (l instanceof LeakyRelu r) {
                double slope = r.negativeSlope();
                DoubleUnaryOperator f = x -> x >= 0 ? x : x * slope;
                tables.put(name, LookupTable.of(f, in, out));
            } else if (l instanceof Softmax) {
                softmaxes.put(name, SoftmaxTable.of(in));
            } else if (l instanceof Lrn lrn) {
                lrns.put(name, new LrnRequantizer(lrn, in, out));
            }
        }
        return new Int8Network(network, q, dense, adds, tables, softmaxes, lrns, folded);
    }

    /**
     * Quantizes one conv/linear layer: weight scale(s) {@code max|w| / 127} (1 for all-zero weights), weights
     * {@code round_half_even(w / s_w)} clamped to [-127, 127], bias {@code round_half_even(b / (s_in * s_w[o]))}
     * saturated to int32, requantizer {@code s_in * s_w[o] / s_out}.
     */
    public static QuantizedDense quantizeDense(DenseParams p, double inScale, double outScale,
                                               WeightGranularity granularity) {
        Shape ws = p.weight().shape();
        int channels = ws.dim(0);
        float[] w = p.weight().data();
        int per = w.length / channels;
        double[] maxAbs = new double[channels];
        for (int o = 0; o < channels; o++) {
            for (int i = o * per; i < (o + 1) * per; i++) {
                maxAbs[o] = Math.max(maxAbs[o], Math.abs(w[i]));
            }
        }
        if (granularity == WeightGranularity.PER_TENSOR) {
            double m = 0;
            for (double v : maxAbs) {
                m = Math.max(m, v);
            }
            java.util.Arrays.fill(maxAbs, m);
        }
        double[] scales = new double[channels];
        byte[] qw = new byte[w.length];
        int[] qb = new int[channels];
        QuantizedMultiplier[] rq = new QuantizedMultiplier[channels];
        for (int o = 0; o < channels; o++) {
            scales[o] = maxAbs[o] == 0 ? 1.0 : maxAbs[o] / IntegerRounding.INT8_MAX;
            for (int i = o * per; i < (o + 1) * per; i++) {
                qw[i] = IntegerRounding.quantize(w[i], scales[o], -IntegerRounding.INT8_MAX);
            }
            double accScale = inScale * scales[o];
            if (p.hasBias()) {
                double b = Math.rint(p.bias().data()[o] / accScale);
                qb[o] = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, b));
            }
            rq[o] = QuantizedMultiplier.of(accScale / outScale);
        }
        return new QuantizedDense(new ByteTensor(ws, qw), new IntTensor(Shape.of(channels), qb), scales, rq);
    }

    public Network network() {
        return network;
    }

    public Quantization quantization() {
        return quantization;
    }

    /** Scale of a layer's output (or of the network input). */
    public double scale(String tensor) {
        return quantization.scale(tensor);
    }

    /** The int8 network input: round_half_even(x / s_in) clamped to [-128, 127]. */
    public ByteTensor quantizeInput(FloatTensor x) {
        if (!x.shape().equals(network.inputShape())) {
            throw new IllegalArgumentException("input shape " + x.shape() + " does not match network '"
                    + network.name() + "' input " + network.inputShape());
        }
        float[] xs = x.data();
        byte[] q = new byte[xs.length];
        double s = quantization.inputScale();
        for (int i = 0; i < xs.length; i++) {
            q[i] = IntegerRounding.quantize(xs[i], s, IntegerRounding.INT8_MIN);
        }
        return new ByteTensor(x.shape(), q);
    }

    /** The real values of layer {@code tensor}'s int8 output: {@code (float) (q * scale)}. */
    public FloatTensor dequantize(String tensor, ByteTensor q) {
        double s = scale(tensor);
        byte[] d = q.data();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) (d[i] * s);
        }
        return new FloatTensor(q.shape(), f);
    }

    /** The int8 form of conv or linear layer {@code name} (batch norm folded in). */
    public QuantizedDense dense(String name) {
        return require(dense, name, "conv or linear");
    }

    public AddRescale add(String name) {
        return require(adds, name, "add");
    }

    /** The table of a sigmoid, tanh or leaky-ReLU layer. */
    public LookupTable table(String name) {
        return require(tables, name, "sigmoid, tanh or leaky ReLU");
    }

    public SoftmaxTable softmax(String name) {
        return require(softmaxes, name, "softmax");
    }

    public LrnRequantizer lrn(String name) {
        return require(lrns, name, "LRN");
    }

    /** Whether batch-norm layer {@code name} was folded into its conv (then it passes its input through). */
    public boolean isFolded(String batchNorm) {
        return foldedBatchNorms.containsKey(batchNorm);
    }

    private static <T> T require(Map<String, T> m, String name, String kind) {
        T t = m.get(name);
        if (t == null) {
            throw new IllegalArgumentException("layer '" + name + "' is not a " + kind + " layer of this network");
        }
        return t;
    }
}
