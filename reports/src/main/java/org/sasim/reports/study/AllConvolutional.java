package org.sasim.reports.study;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.GraphException;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

/**
 * The all-convolutional rewrites of a CNN (Springenberg et al., "Striving for Simplicity"): max-pooling replaced by
 * learned downsampling. Output shapes of every remaining layer are kept, so the classifier is unchanged.
 */
public final class AllConvolutional {
    private AllConvolutional() {
    }

    /**
     * Every max-pool becomes a 3x3 stride-2 convolution (with bias) over the same channels, the pool's name kept,
     * padded so its output size equals the pool's. Adds exactly 9C^2 + C params per pool.
     */
    public static Network poolsAsStridedConvs(Network net) {
        List<Layer> layers = new ArrayList<>();
        for (Node n : net.nodes()) {
            layers.add(n.layer() instanceof MaxPool2d p ? stridedConv(n, p) : n.layer());
        }
        return Network.of(net.name() + "_allconv", net.inputShape(), layers);
    }

    /**
     * Every max-pool is removed and its stride 2 moved into the convolution that consumes it (padded to keep that
     * convolution's output size). A pool not consumed by exactly one stride-1 convolution (e.g. the last pool before
     * the classifier) becomes a 3x3 stride-2 convolution as in {@link #poolsAsStridedConvs}.
     */
    public static Network strideIntoNextConv(Network net) {
        Map<String, List<Node>> consumers = new HashMap<>();
        for (Node n : net.nodes()) {
            for (String in : n.layer().inputs()) {
                consumers.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
            }
        }
        Map<String, String> bypass = new HashMap<>();
        Map<String, Node> pooledInput = new HashMap<>();
        List<Layer> layers = new ArrayList<>();
        for (Node n : net.nodes()) {
            if (n.layer() instanceof MaxPool2d p) {
                List<Node> cs = consumers.getOrDefault(p.name(), List.of());
                if (cs.size() == 1 && cs.get(0).layer() instanceof Conv2d c && c.stride().equals(Dims2.square(1))) {
                    bypass.put(p.name(), p.input());
                    pooledInput.put(c.name(), n);
                    continue;
                }
                layers.add(stridedConv(n, p));
            } else if (n.layer() instanceof Conv2d c && pooledInput.containsKey(c.name())) {
                Shape in = pooledInput.get(c.name()).inputShapes().get(0);
                Shape out = n.outputShape();
                Dims2 pad = new Dims2(padding(c.name(), in.height(), c.kernel().h(), 2, out.height()),
                        padding(c.name(), in.width(), c.kernel().w(), 2, out.width()));
                layers.add(new Conv2d(c.name(), bypass.get(c.input()), c.inChannels(), c.outChannels(), c.kernel(),
                        Dims2.square(2), pad, c.dilation(), c.groups(), c.bias()));
            } else {
                layers.add(n.layer());
            }
        }
        return Network.of(net.name() + "_stride_in_conv", net.inputShape(), layers);
    }

    private static Conv2d stridedConv(Node n, MaxPool2d p) {
        Shape in = n.inputShapes().get(0);
        Shape out = n.outputShape();
        Dims2 pad = new Dims2(padding(p.name(), in.height(), 3, 2, out.height()),
                padding(p.name(), in.width(), 3, 2, out.width()));
        return new Conv2d(p.name(), p.input(), in.channels(), in.channels(), Dims2.square(3), Dims2.square(2), pad,
                Dims2.square(1), 1, true);
    }

    /** Smallest symmetric padding giving {@code target} outputs: floor((in + 2p - k) / s) + 1 = target. */
    static int padding(String layer, int in, int kernel, int stride, int target) {
        for (int p = 0; p <= kernel; p++) {
            if (in + 2 * p >= kernel && (in + 2 * p - kernel) / stride + 1 == target) {
                return p;
            }
        }
        throw new GraphException(layer, "no padding gives " + target + " outputs from " + in + " with kernel "
                + kernel + " stride " + stride);
    }
}
