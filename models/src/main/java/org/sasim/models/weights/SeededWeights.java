package org.sasim.models.weights;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.FloatTensor;

/**
 * Deterministic synthetic weights for any network, for simulation and verification when no trained weights exist.
 *
 * <h2>Scheme (version 1)</h2>
 * <ul>
 *   <li><b>Streams.</b> Each layer draws from its own {@link SplittableRandom}, seeded with
 *       {@code mix64(mix64(seed) ^ fnv1a64(utf8(layerName)))} (SplitMix64 finaliser, 64-bit FNV-1a). A layer's
 *       values therefore depend only on the seed, its name and its shape, not on other layers or threads.
 *       Uniforms are {@code (nextLong() >>> 11) * 2^-53}.</li>
 *   <li><b>Convolution / linear.</b> Weights in C order, then biases: weight ~ U(-b, b) with
 *       b = sqrt(6 / fanIn) (He-uniform: preserves the second moment through ReLU layers, so plain deep nets such
 *       as VGG neither explode nor vanish; PyTorch's default 1/sqrt(fanIn) would shrink each layer ~6x in
 *       variance), bias ~ U(-1/sqrt(fanIn), 1/sqrt(fanIn)); fanIn = inChannels/groups * kH * kW, or inFeatures.</li>
 *   <li><b>Batch norm.</b> gamma ~ U(0.9, 1.1), beta ~ U(-0.1, 0.1). running_mean and running_var are the
 *       per-channel mean and variance of the layer's input estimated analytically ({@link ActivationMoments}) for a
 *       {@link SeededInput} (standard-normal) input, running_var floored at 1e-4. So each batch norm really
 *       normalises, and residual networks grow only additively per block: activations stay near unit scale
 *       through ResNet-50.</li>
 * </ul>
 * All arithmetic is integer, IEEE float64 or {@code StrictMath}, so the bytes are identical on every machine.
 */
public final class SeededWeights {
    private static final double BN_GAMMA_SPREAD = 0.1;
    private static final double BN_BETA_SPREAD = 0.1;
    private static final double MIN_RUNNING_VAR = 1e-4;

    private SeededWeights() {
    }

    /** Weights for every layer of {@code network} that has parameters; same network and seed give the same bytes. */
    public static Weights generate(Network network, long seed) {
        Shape in = network.inputShape();
        Map<String, ActivationMoments> moments = new HashMap<>();
        moments.put(Layer.NETWORK_INPUT, ActivationMoments.uniform(in.rank() > 1 ? in.dim(1) : 1, 0, 1));
        Map<String, LayerParams> params = new LinkedHashMap<>();
        for (Node node : network.nodes()) {
            Layer layer = node.layer();
            List<ActivationMoments> ins = new ArrayList<>();
            for (String i : layer.inputs()) {
                ins.add(moments.get(i));
            }
            SplittableRandom r = Seeds.stream(seed, layer.name());
            ActivationMoments out;
            if (layer instanceof Conv2d c) {
                DenseParams p = dense(r, c.weightShape(), c.bias(), c.inChannelsPerGroup() * c.kernel().h()
                        * c.kernel().w());
                params.put(layer.name(), p);
                out = ActivationMoments.throughDense(c, p, ins.get(0));
            } else if (layer instanceof Linear l) {
                DenseParams p = dense(r, l.weightShape(), l.bias(), l.inFeatures());
                params.put(layer.name(), p);
                out = ActivationMoments.throughDense(l, p, ins.get(0));
            } else if (layer instanceof BatchNorm2d b) {
                BatchNormParams p = batchNorm(r, b, ins.get(0));
                params.put(layer.name(), p);
                out = ActivationMoments.throughBatchNorm(b, p, ins.get(0));
            } else {
                out = ActivationMoments.throughParamFree(node, ins);
            }
            moments.put(layer.name(), out);
        }
        return Weights.of(network, params);
    }

    private static DenseParams dense(SplittableRandom r, Shape weightShape, boolean bias, int fanIn) {
        double bound = Math.sqrt(6.0 / fanIn);
        float[] w = new float[Math.toIntExact(weightShape.elements())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) Seeds.symmetric(r, bound);
        }
        FloatTensor b = null;
        if (bias) {
            double biasBound = 1 / Math.sqrt(fanIn);
            float[] bs = new float[weightShape.dim(0)];
            for (int i = 0; i < bs.length; i++) {
                bs[i] = (float) Seeds.symmetric(r, biasBound);
            }
            b = new FloatTensor(Shape.of(bs.length), bs);
        }
        return new DenseParams(new FloatTensor(weightShape, w), b);
    }

    private static BatchNormParams batchNorm(SplittableRandom r, BatchNorm2d b, ActivationMoments in) {
        int c = b.numFeatures();
        float[] gamma = new float[c];
        float[] beta = new float[c];
        float[] mean = new float[c];
        float[] var = new float[c];
        for (int i = 0; i < c; i++) {
            gamma[i] = (float) (1 + Seeds.symmetric(r, BN_GAMMA_SPREAD));
        }
        for (int i = 0; i < c; i++) {
            beta[i] = (float) Seeds.symmetric(r, BN_BETA_SPREAD);
        }
        for (int i = 0; i < c; i++) {
            mean[i] = (float) in.mean()[i];
            var[i] = (float) Math.max(in.var()[i], MIN_RUNNING_VAR);
        }
        Shape s = Shape.of(c);
        return new BatchNormParams(new FloatTensor(s, gamma), new FloatTensor(s, beta), new FloatTensor(s, mean),
                new FloatTensor(s, var));
    }
}
