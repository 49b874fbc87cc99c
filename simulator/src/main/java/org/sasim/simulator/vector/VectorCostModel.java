package org.sasim.simulator.vector;

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

/**
 * The vector unit's cycle model: every layer is a number of lane operations, executed {@code lanes} per cycle,
 * {@code cycles = ceil(operations / lanes)}. With E output elements:
 * <table>
 *   <caption>Lane operations per layer</caption>
 *   <tr><th>layer</th><th>operations</th></tr>
 *   <tr><td>max pool</td><td>kH*kW*E (one compare per window tap, padding taps included)</td></tr>
 *   <tr><td>avg pool</td><td>(kH*kW + 1)*E (one add per tap, one scale per output)</td></tr>
 *   <tr><td>global avg pool</td><td>(H*W + 1)*E</td></tr>
 *   <tr><td>adaptive avg pool</td><td>sum over outputs of (window taps + 1)</td></tr>
 *   <tr><td>ReLU, LeakyReLU</td><td>E</td></tr>
 *   <tr><td>sigmoid, tanh</td><td>4*E (exponential, add, divide, and one more for tanh's scaling)</td></tr>
 *   <tr><td>batch norm (scale and shift precomputed per channel)</td><td>E</td></tr>
 *   <tr><td>residual add of k inputs</td><td>(k - 1)*E</td></tr>
 *   <tr><td>softmax over n classes</td><td>4*E (max, exponential, sum, divide)</td></tr>
 *   <tr><td>LRN of size s</td><td>(s + 3)*E (s squares-and-adds, scale, power, divide)</td></tr>
 *   <tr><td>flatten, dropout (inference)</td><td>0: a re-view of the same data</td></tr>
 * </table>
 * Scratchpad reads are the taps read (pooling windows: one per tap inside the input; others: every input element
 * once), writes are E.
 */
public final class VectorCostModel {
    private final int lanes;

    public VectorCostModel(int lanes) {
        if (lanes <= 0) {
            throw new IllegalArgumentException("vector lanes must be positive, got " + lanes);
        }
        this.lanes = lanes;
    }

    public int lanes() {
        return lanes;
    }

    /** Cost of a non-GEMM node. */
    public VectorOpCost cost(Node node) {
        Layer l = node.layer();
        Shape out = node.outputShape();
        long e = out.elements();
        long in = 0;
        for (Shape s : node.inputShapes()) {
            in += s.elements();
        }
        if (l instanceof Flatten || l instanceof Dropout) {
            return VectorOpCost.FREE;
        }
        if (l instanceof MaxPool2d p) {
            long taps = (long) p.kernel().h() * p.kernel().w();
            return of(taps * e, in, e, PoolTaps.inside(node), e);
        }
        if (l instanceof AvgPool2d p) {
            long taps = (long) p.kernel().h() * p.kernel().w();
            return of((taps + 1) * e, in, e, PoolTaps.inside(node), e);
        }
        if (l instanceof GlobalAvgPool) {
            Shape s = node.inputShapes().get(0);
            return of(((long) s.height() * s.width() + 1) * e, in, e, in, e);
        }
        if (l instanceof AdaptiveAvgPool2d) {
            long taps = PoolTaps.inside(node);
            return of(taps + e, in, e, taps, e);
        }
        if (l instanceof Relu || l instanceof LeakyRelu || l instanceof BatchNorm2d) {
            return of(e, in, e, in, e);
        }
        if (l instanceof Sigmoid || l instanceof Tanh || l instanceof Softmax) {
            return of(4 * e, in, e, in, e);
        }
        if (l instanceof Add a) {
            return of((long) (a.inputs().size() - 1) * e, in, e, in, e);
        }
        if (l instanceof Lrn n) {
            return of((n.size() + 3L) * e, in, e, in, e);
        }
        throw new IllegalArgumentException("layer '" + node.name() + "' (" + l.kind() + ") runs on the array, not"
                + " the vector unit");
    }

    private VectorOpCost of(long ops, long in, long out, long reads, long writes) {
        return new VectorOpCost(ops, (ops + lanes - 1) / lanes, in, out, reads, writes);
    }

    /** Whether a node runs on the vector unit (everything but conv and linear). */
    public static boolean runsOnVectorUnit(Node node) {
        return !(node.layer() instanceof org.sasim.models.graph.Conv2d)
                && !(node.layer() instanceof org.sasim.models.graph.Linear);
    }
}
