package org.sasim.simulator.mapping;

import java.util.Optional;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

/**
 * Lowers a convolution or linear layer to GEMMs the im2col way: each output pixel (over the batch) is a row of A
 * holding its receptive-field window (kH x kW x Cin/groups values, in (c, kh, kw) order to match OIHW weights); each
 * filter is a column of B.
 */
public final class Im2colMapping {
    private Im2colMapping() {
    }

    /** The GEMM view of a node, or empty when the layer does not run on the array. */
    public static Optional<Gemm> gemmOf(Node node) {
        if (node.layer() instanceof Conv2d c) {
            Shape out = node.outputShape();
            long m = (long) out.batch() * out.height() * out.width();
            return Optional.of(new Gemm(checked(node, m), c.outChannelsPerGroup(),
                    c.inChannelsPerGroup() * c.kernel().h() * c.kernel().w(), c.groups()));
        }
        if (node.layer() instanceof Linear l) {
            return Optional.of(new Gemm(node.outputShape().batch(), l.outFeatures(), l.inFeatures(), 1));
        }
        return Optional.empty();
    }

    private static int checked(Node node, long m) {
        if (m > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("layer '" + node.name() + "': " + m + " output pixels is too many");
        }
        return (int) m;
    }
}
