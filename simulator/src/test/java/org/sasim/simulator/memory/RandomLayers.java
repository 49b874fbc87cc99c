package org.sasim.simulator.memory;

import java.util.List;
import java.util.SplittableRandom;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.mapping.ArrayMapping;
import org.sasim.simulator.mapping.Im2colMapping;

/** Seeded random small conv / linear layers on random arrays, for property tests. */
final class RandomLayers {
    private RandomLayers() {
    }

    /** A random small conv node (stride, padding, dilation, groups, batch, non-square). */
    static Node conv(SplittableRandom r) {
        while (true) {
            int groups = 1 + r.nextInt(3);
            int cin = groups * (1 + r.nextInt(3));
            int cout = groups * (1 + r.nextInt(4));
            int kh = 1 + r.nextInt(4);
            int kw = 1 + r.nextInt(4);
            int h = 1 + r.nextInt(11);
            int w = 1 + r.nextInt(11);
            Conv2d c = new Conv2d("c", Layer.NETWORK_INPUT, cin, cout, new Dims2(kh, kw),
                    new Dims2(1 + r.nextInt(3), 1 + r.nextInt(3)), new Dims2(r.nextInt(3), r.nextInt(3)),
                    new Dims2(1 + r.nextInt(2), 1 + r.nextInt(2)), groups, r.nextBoolean());
            try {
                Network n = Network.of("rand", Shape.nchw(1 + r.nextInt(2), cin, h, w), List.of(c));
                return n.output();
            } catch (RuntimeException e) {
                // window does not fit: draw again
            }
        }
    }

    /** A random small linear node. */
    static Node linear(SplittableRandom r) {
        int in = 1 + r.nextInt(20);
        Network n = Network.of("rand", Shape.of(1 + r.nextInt(5), in),
                List.of(new Linear("fc", Layer.NETWORK_INPUT, in, 1 + r.nextInt(20), true)));
        return n.output();
    }

    static Node layer(SplittableRandom r) {
        return r.nextInt(4) == 0 ? linear(r) : conv(r);
    }

    static ArraySpec array(SplittableRandom r) {
        int[] sizes = {1, 2, 3, 4, 8};
        return new ArraySpec(sizes[r.nextInt(sizes.length)], sizes[r.nextInt(sizes.length)],
                Dataflow.values()[r.nextInt(3)]);
    }

    static Datatype datatype(SplittableRandom r) {
        return Datatype.values()[r.nextInt(3)];
    }

    /** SCALE-Sim's per-fold cycles: os T+R+C-2, ws/is 2R+C+T-2. */
    static FoldCycles scaleSimTiming(ArrayMapping m) {
        long t = m.streamed();
        long rr = m.arrayRows();
        long cc = m.arrayCols();
        long per = m.dataflow() == Dataflow.OUTPUT_STATIONARY ? t + rr + cc - 2 : 2 * rr + cc + t - 2;
        return FoldCycles.uniform(per);
    }

    static MemoryWorkload workload(Node node, ArraySpec array, Datatype dt) {
        ArrayMapping m = ArrayMapping.of(Im2colMapping.gemmOf(node).orElseThrow(), array);
        return new MemoryWorkload(m, IfmapFootprint.of(node), dt, scaleSimTiming(m));
    }
}
