package org.sasim.simulator.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;

class IfmapFootprintTest {

    /** Brute force: enumerate every (row, column) of the block and collect the in-bounds input coordinates. */
    private static long bruteForce(Node node, long m0, long m1, long k0, long k1) {
        Conv2d c = (Conv2d) node.layer();
        Shape in = node.inputShapes().get(0);
        Shape out = node.outputShape();
        int taps = c.kernel().h() * c.kernel().w();
        Set<Long> seen = new HashSet<>();
        for (long m = m0; m < m1; m++) {
            long n = m / ((long) out.height() * out.width());
            long oh = m / out.width() % out.height();
            long ow = m % out.width();
            for (long k = k0; k < k1; k++) {
                long ch = k / taps;
                long kh = k % taps / c.kernel().w();
                long kw = k % c.kernel().w();
                long ih = oh * c.stride().h() - c.padding().h() + kh * c.dilation().h();
                long iw = ow * c.stride().w() - c.padding().w() + kw * c.dilation().w();
                if (ih >= 0 && ih < in.height() && iw >= 0 && iw < in.width()) {
                    seen.add(((n * 1000 + ch) * 1000 + ih) * 1000 + iw);
                }
            }
        }
        return seen.size();
    }

    @Test
    void distinctElementsOfRandomBlocksEqualBruteForce() {
        SplittableRandom r = new SplittableRandom(11);
        for (int i = 0; i < 300; i++) {
            Node node = RandomLayers.conv(r);
            IfmapFootprint fp = IfmapFootprint.of(node);
            long mm = fp.gemmRows();
            long kk = fp.gemmK();
            long m0 = r.nextLong(mm);
            long m1 = m0 + 1 + r.nextLong(mm - m0);
            long k0 = r.nextLong(kk);
            long k1 = k0 + 1 + r.nextLong(kk - k0);
            assertEquals(bruteForce(node, m0, m1, k0, k1), fp.distinctElements(m0, m1, k0, k1),
                    () -> node.layer() + " " + node.inputShapes() + " block " + m0 + ".." + m1 + " x " + k0 + ".."
                            + k1);
        }
    }

    @Test
    void stridedOneByOneConvUsesOnlyTheSampledInputs() {
        Network n = Network.of("s2", Shape.nchw(1, 4, 8, 8),
                List.of(Conv2d.square("c", Layer.NETWORK_INPUT, 4, 4, 1, 2, 0, false)));
        // a 1x1 stride-2 conv reads rows and columns 0, 2, 4, 6 of each of the 4 channels
        assertEquals(4 * 4 * 4, IfmapFootprint.of(n.output()).compulsoryElementsPerGroup());
    }

    @Test
    void paddedThreeByThreeConvReadsEachInputOnce() {
        Network n = Network.of("p1", Shape.nchw(2, 3, 5, 5),
                List.of(Conv2d.square("c", Layer.NETWORK_INPUT, 3, 8, 3, 1, 1, false)));
        assertEquals(2 * 3 * 5 * 5, IfmapFootprint.of(n.output()).compulsoryElementsPerGroup());
    }
}
