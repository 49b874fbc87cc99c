package org.sasim.models.zoo;

import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

/**
 * Size and cost of a network for one forward pass, in the terms of the zoo reference ({@code summary.json}): MACs
 * are those of convs and linear layers only (pooling, batch norm, activations and adds are not counted).
 *
 * @param name       model name
 * @param input      input activation shape (N x C x H x W)
 * @param output     output shape, e.g. N x 1000
 * @param layers     layers in the sasim graph, including flatten and residual adds (which are no PyTorch modules)
 * @param params     learned parameters (weights, biases, BN gamma and beta), elements
 * @param buffers    non-learned buffers (BN running mean and variance), elements
 * @param convMacs   multiply-accumulates of all conv layers
 * @param linearMacs multiply-accumulates of all linear layers
 */
public record ModelSummary(String name, Shape input, Shape output, int layers, long params, long buffers,
                           long convMacs, long linearMacs) {

    /** Summarises {@code network}. */
    public static ModelSummary of(Network network) {
        long conv = 0;
        long linear = 0;
        for (Node n : network.nodes()) {
            if (n.layer() instanceof Conv2d) {
                conv += n.macs();
            } else if (n.layer() instanceof Linear) {
                linear += n.macs();
            }
        }
        return new ModelSummary(network.name(), network.inputShape(), network.outputShape(), network.nodes().size(),
                network.params(), network.buffers(), conv, linear);
    }

    /** Total multiply-accumulates: conv plus linear. */
    public long macs() {
        return convMacs + linearMacs;
    }
}
