package org.sasim.models.weights;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.tensor.FloatTensor;

/**
 * Folds an inference batch norm into the convolution that feeds it. With {@code a[o] = gamma[o] /
 * sqrt(runningVar[o] + eps)}: {@code w'[o] = w[o] * a[o]} and {@code b'[o] = (b[o] - runningMean[o]) * a[o] +
 * beta[o]} (b = 0 for a conv without bias), each computed in float64 and rounded once to float32. A batch norm is
 * foldable when its only input is a conv whose output nobody else reads.
 */
public final class BatchNormFolding {
    private BatchNormFolding() {
    }

    /** Foldable pairs: batch-norm layer name to the name of the conv it folds into, in execution order. */
    public static Map<String, String> foldablePairs(Network network) {
        Map<String, Integer> readers = new HashMap<>();
        for (Node n : network.nodes()) {
            for (String in : n.layer().inputs()) {
                readers.merge(in, 1, Integer::sum);
            }
        }
        Map<String, String> pairs = new LinkedHashMap<>();
        for (Node n : network.nodes()) {
            if (n.layer() instanceof BatchNorm2d) {
                List<String> ins = n.layer().inputs();
                String src = ins.get(0);
                boolean fromConv = network.nodes().stream()
                        .anyMatch(m -> m.name().equals(src) && m.layer() instanceof Conv2d);
                if (ins.size() == 1 && fromConv && readers.get(src) == 1) {
                    pairs.put(n.name(), src);
                }
            }
        }
        return pairs;
    }

    /** The conv parameters with {@code bn} (of epsilon {@code eps}) folded in; always has a bias. */
    public static DenseParams fold(DenseParams conv, BatchNormParams bn, double eps) {
        float[] w = conv.weight().data();
        int channels = bn.gamma().data().length;
        if (w.length % channels != 0 || conv.weight().shape().dim(0) != channels) {
            throw new IllegalArgumentException("batch norm of " + channels + " channels cannot fold into a conv of "
                    + conv.weight().shape().dim(0) + " output channels");
        }
        int perChannel = w.length / channels;
        float[] fw = new float[w.length];
        float[] fb = new float[channels];
        for (int o = 0; o < channels; o++) {
            double a = bn.gamma().data()[o] / Math.sqrt((double) bn.runningVar().data()[o] + eps);
            for (int i = o * perChannel; i < (o + 1) * perChannel; i++) {
                fw[i] = (float) (w[i] * a);
            }
            double b = conv.hasBias() ? conv.bias().data()[o] : 0.0;
            fb[o] = (float) ((b - bn.runningMean().data()[o]) * a + bn.beta().data()[o]);
        }
        return new DenseParams(new FloatTensor(conv.weight().shape(), fw),
                new FloatTensor(org.sasim.models.graph.Shape.of(channels), fb));
    }
}
