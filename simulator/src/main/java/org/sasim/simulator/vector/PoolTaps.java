package org.sasim.simulator.vector;

import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

/** Window geometry of the pooling layers: which input rows/columns each output reads (PyTorch rules). */
final class PoolTaps {
    private PoolTaps() {
    }

    /** Window taps that fall inside the input, summed over all outputs (the scratchpad reads). */
    static long inside(Node node) {
        Shape in = node.inputShapes().get(0);
        Shape out = node.outputShape();
        long planes = (long) in.batch() * in.channels();
        long rows;
        long cols;
        if (node.layer() instanceof AdaptiveAvgPool2d) {
            rows = adaptiveSpan(in.height(), out.height());
            cols = adaptiveSpan(in.width(), out.width());
        } else {
            Dims2 k;
            Dims2 s;
            Dims2 p;
            if (node.layer() instanceof MaxPool2d m) {
                k = m.kernel();
                s = m.stride();
                p = m.padding();
            } else {
                AvgPool2d a = (AvgPool2d) node.layer();
                k = a.kernel();
                s = a.stride();
                p = a.padding();
            }
            rows = windowSpan(in.height(), out.height(), k.h(), s.h(), p.h());
            cols = windowSpan(in.width(), out.width(), k.w(), s.w(), p.w());
        }
        return planes * rows * cols;
    }

    /** Sum over outputs of the in-bounds taps of a sliding window along one axis. */
    private static long windowSpan(int in, int out, int k, int s, int p) {
        long sum = 0;
        for (int o = 0; o < out; o++) {
            int a = o * s - p;
            sum += Math.max(0, Math.min(a + k, in) - Math.max(a, 0));
        }
        return sum;
    }

    /** Sum over outputs of [floor(i*in/out), ceil((i+1)*in/out)). */
    private static long adaptiveSpan(int in, int out) {
        long sum = 0;
        for (int o = 0; o < out; o++) {
            sum += end(o, in, out) - start(o, in, out);
        }
        return sum;
    }

    static int start(int o, int in, int out) {
        return Math.floorDiv(o * in, out);
    }

    static int end(int o, int in, int out) {
        return -Math.floorDiv(-(o + 1) * in, out);
    }
}
