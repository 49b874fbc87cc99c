package org.sasim.models.quant;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Softmax;
import org.sasim.models.weights.BatchNormFolding;

/**
 * The per-tensor scales of an int8 network run (symmetric, zero point 0: real value = scale * q), and how weights
 * are scaled. Every tensor is int8; see docs/quantization.md for the rules, summarised:
 * <ul>
 *   <li>the network input and every requantizing layer (conv, linear, add, sigmoid, tanh, leaky ReLU, LRN) get
 *       {@code max|x| / 127} of a calibration tensor; a conv looks through the batch norm folded into it, and any of
 *       these looks through a ReLU that is its only reader (so the ReLU's range, not the pre-activation's, sets the
 *       scale, as a fused conv+ReLU would);</li>
 *   <li>scale-preserving layers (max/avg/adaptive/global pool, ReLU, flatten, dropout) and a folded batch norm keep
 *       their input's scale;</li>
 *   <li>softmax outputs probabilities with the fixed scale 1/127.</li>
 * </ul>
 * A tensor whose calibration range is 0 gets scale 1.
 *
 * @param granularity how weights are scaled
 * @param inputScale  scale of the network input
 * @param scales      scale of every layer's output by layer name, unmodifiable
 */
public record Quantization(WeightGranularity granularity, double inputScale, Map<String, Double> scales) {
    /** The fixed output scale of an int8 softmax: probabilities 0..1 as 0..127. */
    public static final double SOFTMAX_SCALE = 1.0 / 127;

    public Quantization {
        if (granularity == null) {
            throw new IllegalArgumentException("weight granularity is required");
        }
        checkScale("network input", inputScale);
        scales.forEach(Quantization::checkScale);
        scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
    }

    /**
     * Applies the scale rules to calibration ranges.
     *
     * @param inputMaxAbs max |x| of the network input
     * @param maxAbs      max |x| of every layer's output (fp32 calibration pass), by layer name
     * @throws GraphException naming a layer whose range is missing or not finite
     */
    public static Quantization fromRanges(Network network, WeightGranularity granularity, double inputMaxAbs,
                                          Map<String, Double> maxAbs) {
        Map<String, String> foldedInto = new HashMap<>(); // conv name -> its folded batch norm
        BatchNormFolding.foldablePairs(network).forEach((bn, conv) -> foldedInto.put(conv, bn));
        Map<String, Node> soleReader = soleReaders(network);
        Map<String, Double> scales = new LinkedHashMap<>();
        double inputScale = scaleOf(Layer.NETWORK_INPUT, inputMaxAbs);
        for (Node node : network.nodes()) {
            Layer l = node.layer();
            double s;
            if (preservesScale(l)) {
                String in = l.inputs().get(0);
                s = in.equals(Layer.NETWORK_INPUT) ? inputScale : scales.get(in);
            } else if (l instanceof BatchNorm2d && foldedInto.containsValue(node.name())) {
                s = scales.get(l.inputs().get(0));
            } else if (l instanceof Softmax) {
                s = SOFTMAX_SCALE;
            } else {
                String end = node.name();
                if (l instanceof Conv2d && foldedInto.containsKey(end)) {
                    end = foldedInto.get(end);
                }
                Node reader = soleReader.get(end);
                if (reader != null && reader.layer() instanceof Relu) {
                    end = reader.name();
                }
                Double m = maxAbs.get(end);
                if (m == null) {
                    throw new GraphException(end, "no calibration range for this layer's output");
                }
                s = scaleOf(end, m);
            }
            scales.put(node.name(), s);
        }
        return new Quantization(granularity, inputScale, scales);
    }

    /** Scale of a layer's output, or of the network input for {@link Layer#NETWORK_INPUT}. */
    public double scale(String tensor) {
        if (tensor.equals(Layer.NETWORK_INPUT)) {
            return inputScale;
        }
        Double s = scales.get(tensor);
        if (s == null) {
            throw new IllegalArgumentException("no scale for tensor '" + tensor + "'");
        }
        return s;
    }

    /** Layers that keep their input's scale: their int8 output is an exact integer function of the input. */
    public static boolean preservesScale(Layer l) {
        return l instanceof MaxPool2d || l instanceof AvgPool2d || l instanceof AdaptiveAvgPool2d
                || l instanceof GlobalAvgPool || l instanceof Relu || l instanceof Flatten || l instanceof Dropout;
    }

    private static double scaleOf(String tensor, double maxAbs) {
        if (!(maxAbs >= 0) || Double.isInfinite(maxAbs)) {
            throw new GraphException(tensor, "calibration range " + maxAbs + " is not a finite number");
        }
        return maxAbs == 0 ? 1.0 : maxAbs / IntegerRounding.INT8_MAX;
    }

    private static void checkScale(String tensor, double s) {
        if (!(s > 0) || Double.isInfinite(s)) {
            throw new IllegalArgumentException("scale of '" + tensor + "' must be finite and > 0, got " + s);
        }
    }

    private static Map<String, Node> soleReaders(Network network) {
        Map<String, Integer> count = new HashMap<>();
        Map<String, Node> reader = new HashMap<>();
        for (Node n : network.nodes()) {
            List<String> ins = n.layer().inputs();
            for (String in : ins) {
                count.merge(in, 1, Integer::sum);
                reader.put(in, n);
            }
        }
        reader.keySet().removeIf(k -> count.get(k) != 1);
        return reader;
    }
}
