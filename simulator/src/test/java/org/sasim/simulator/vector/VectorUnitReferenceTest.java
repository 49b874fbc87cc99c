package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Dropout;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.Lrn;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Softmax;
import org.sasim.models.graph.Tanh;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.models.weights.LayerParams;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.GemmWorkers;

/** The vector unit's fp32 kernels equal the reference engine within tolerance on seeded random layers. */
class VectorUnitReferenceTest {
    private static FloatTensor random(SplittableRandom r, Shape s, double scale) {
        float[] d = new float[(int) s.elements()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((r.nextDouble() * 2 - 1) * scale);
        }
        return new FloatTensor(s, d);
    }

    @Test
    void randomVectorLayersMatchTheReferenceEngine() {
        check(new VectorUnit(new VectorUnitSpec(8)));
    }

    /** The scalar loops, which run where the Vector API module is absent, give the same layers. */
    @Test
    void randomVectorLayersOnTheScalarLoopsMatchTheReferenceEngine() {
        check(new VectorUnit(new VectorUnitSpec(8), new ScalarLaneLoops()));
    }

    /**
     * Each layer also run over a copy of its first input (as a run does when nothing reads that input any more)
     * gives the same bits as into a fresh array.
     */
    private static void check(VectorUnit unit) {
        SplittableRandom r = new SplittableRandom(7);
        String in = Layer.NETWORK_INPUT;
        for (int i = 0; i < 200; i++) {
            Shape s = Shape.nchw(1 + r.nextInt(2), 1 + r.nextInt(6), 3 + r.nextInt(9), 3 + r.nextInt(9));
            int k = 1 + r.nextInt(3);
            int st = 1 + r.nextInt(3);
            int pad = r.nextInt(k / 2 + 1);
            boolean ceil = r.nextBoolean();
            Layer layer = switch (i % 13) {
                case 0 -> new MaxPool2d("l", in, Dims2.square(k), Dims2.square(st), Dims2.square(pad), ceil);
                case 1 -> new AvgPool2d("l", in, Dims2.square(k), Dims2.square(st), Dims2.square(pad), ceil,
                        r.nextBoolean());
                case 2 -> new AdaptiveAvgPool2d("l", in, new Dims2(1 + r.nextInt(4), 1 + r.nextInt(4)));
                case 3 -> new GlobalAvgPool("l", in);
                case 4 -> new Relu("l", in);
                case 5 -> new LeakyRelu("l", in, 0.1);
                case 6 -> new Sigmoid("l", in);
                case 7 -> new Tanh("l", in);
                case 8 -> new BatchNorm2d("l", in, s.channels(), 1e-5);
                case 9 -> new Softmax("l", in);
                case 10 -> new Lrn("l", in, 1 + r.nextInt(5), 1e-4, 0.75, 2.0);
                case 11 -> new Dropout("l", in, 0.5);
                default -> null;
            };
            Network net = layer == null
                    ? Network.of("v", s, List.of(new Relu("a", in), new Tanh("b", in), new Add("l", List.of("a", "b"))))
                    : Network.of("v", s, List.of(layer));
            FloatTensor x = random(r, s, 1 + r.nextInt(20));
            Node node = net.node("l");
            LayerParams params = null;
            if (layer instanceof BatchNorm2d) {
                int c = s.channels();
                FloatTensor var = random(r, Shape.of(c), 1);
                for (int j = 0; j < c; j++) {
                    var.data()[j] = Math.abs(var.data()[j]) + 0.1f;
                }
                params = new BatchNormParams(random(r, Shape.of(c), 2), random(r, Shape.of(c), 1),
                        random(r, Shape.of(c), 1), var);
            }
            List<FloatTensor> inputs = new ArrayList<>();
            FloatTensor want;
            if (layer == null) {
                FloatTensor a = ReferenceEngine.evaluate(net.node("a").layer(), List.of(x), null);
                FloatTensor b = ReferenceEngine.evaluate(net.node("b").layer(), List.of(x), null);
                inputs.add(a);
                inputs.add(b);
                want = ReferenceEngine.evaluate(node.layer(), inputs, null);
            } else {
                inputs.add(x);
                want = ReferenceEngine.evaluate(layer, inputs, params);
            }
            FloatTensor got = unit.execute(node, inputs, params);
            VectorUnitTorchVectorsTest.assertClose(want, got, node.layer() + " " + s);
            List<FloatTensor> copies = new ArrayList<>(inputs);
            copies.set(0, new FloatTensor(s, inputs.get(0).data().clone()));
            try (GemmWorkers one = new GemmWorkers(1)) {
                assertEquals(got, unit.execute(node, copies, params, one, true), node.layer() + " in place");
            }
        }
    }
}
