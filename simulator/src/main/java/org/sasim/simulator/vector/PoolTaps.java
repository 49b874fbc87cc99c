package org.sasim.simulator.vector;

import org.sasim.models.graph.AvgPool2d;
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
        PoolAxis rows;
        PoolAxis cols;
        if (node.layer() instanceof MaxPool2d m) {
            rows = PoolAxis.sliding(in.height(), out.height(), m.kernel().h(), m.stride().h(), m.padding().h(), false);
            cols = PoolAxis.sliding(in.width(), out.width(), m.kernel().w(), m.stride().w(), m.padding().w(), false);
        } else if (node.layer() instanceof AvgPool2d a) {
            rows = PoolAxis.sliding(in.height(), out.height(), a.kernel().h(), a.stride().h(), a.padding().h(), false);
            cols = PoolAxis.sliding(in.width(), out.width(), a.kernel().w(), a.stride().w(), a.padding().w(), false);
        } else {
            // adaptive and global average pooling
            rows = PoolAxis.adaptive(in.height(), out.height());
            cols = PoolAxis.adaptive(in.width(), out.width());
        }
        return planes * rows.insideTaps() * cols.insideTaps();
    }
}
