package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.AdaptiveAvgPool2d;
import org.sasim.models.graph.Add;
import org.sasim.models.graph.AvgPool2d;
import org.sasim.models.graph.BatchNorm2d;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.GlobalAvgPool;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.LeakyRelu;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.graph.Sigmoid;
import org.sasim.models.graph.Tanh;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.BatchNormParams;
import org.sasim.simulator.arch.VectorUnitSpec;
import org.sasim.simulator.compute.GemmWorkers;

/** The vector unit's fp32 kernels give the same bits on one thread and on several (determinism rule). */
class VectorUnitThreadsTest {
    /** 2 x 7 planes of 61 x 59: above the split threshold, and neither planes nor elements divide evenly by 3. */
    private static final Shape SHAPE = Shape.nchw(2, 7, 61, 59);
    /** 11 planes of 437 x 437: above the threshold of the single-pass kernels, split unevenly over 3 threads. */
    private static final Shape STREAMING = Shape.nchw(1, 11, 437, 437);

    private static FloatTensor random(SplittableRandom r, Shape s) {
        float[] d = new float[(int) s.elements()];
        for (int i = 0; i < d.length; i++) {
            d[i] = (float) ((r.nextDouble() * 2 - 1) * 10);
        }
        // a NaN and a negative zero, whose handling (max pooling, ReLU) must not depend on the split either
        d[d.length / 3] = Float.NaN;
        d[d.length / 2] = -0f;
        return new FloatTensor(s, d);
    }

    private static float[] run(Network net, List<FloatTensor> inputs, BatchNormParams bn, int threads) {
        try (GemmWorkers workers = new GemmWorkers(threads)) {
            return new VectorUnit(new VectorUnitSpec(8)).execute(net.node("l"), inputs, bn, workers).data();
        }
    }

    @Test
    void everyFp32KernelGivesTheSameBitsOnOneAndThreeThreads() {
        assertTrue(SHAPE.elements() >= PlaneRanges.MIN_PARALLEL_ELEMENTS, "the tensors must be large enough to split");
        assertTrue(STREAMING.elements() >= PlaneRanges.MIN_PARALLEL_STREAMING_ELEMENTS,
                "the single-pass kernels' tensors must be large enough to split");
        SplittableRandom r = new SplittableRandom(11);
        String in = Layer.NETWORK_INPUT;
        List<Layer> layers = List.of(
                new MaxPool2d("l", in, Dims2.square(3), Dims2.square(2), Dims2.square(1), true),
                new AvgPool2d("l", in, Dims2.square(3), Dims2.square(2), Dims2.square(1), true, false),
                new AdaptiveAvgPool2d("l", in, new Dims2(5, 7)),
                new GlobalAvgPool("l", in),
                new Sigmoid("l", in),
                new Tanh("l", in));
        FloatTensor x = random(r, SHAPE);
        for (Layer layer : layers) {
            Network net = Network.of("v", SHAPE, List.of(layer));
            assertArrayEquals(run(net, List.of(x), null, 1), run(net, List.of(x), null, 3), layer.toString());
        }
        int c = STREAMING.channels();
        FloatTensor var = random(r, Shape.of(c));
        for (int j = 0; j < c; j++) {
            var.data()[j] = Math.abs(var.data()[j]) + 0.1f;
        }
        BatchNormParams bn = new BatchNormParams(random(r, Shape.of(c)), random(r, Shape.of(c)),
                random(r, Shape.of(c)), var);
        List<Layer> streaming = List.of(new Relu("l", in), new LeakyRelu("l", in, 0.1),
                new BatchNorm2d("l", in, c, 1e-5));
        FloatTensor big = random(r, STREAMING);
        for (Layer layer : streaming) {
            Network net = Network.of("v", STREAMING, List.of(layer));
            assertArrayEquals(run(net, List.of(big), bn, 1), run(net, List.of(big), bn, 3), layer.toString());
        }
        Network add = Network.of("v", STREAMING,
                List.of(new Relu("a", in), new Tanh("b", in), new Add("l", List.of("a", "b", in))));
        List<FloatTensor> three = List.of(random(r, STREAMING), random(r, STREAMING), big);
        assertArrayEquals(run(add, three, null, 1), run(add, three, null, 3), "residual add");
    }

    @Test
    void int8ReluGivesTheSameBytesOnOneAndThreeThreads() {
        SplittableRandom r = new SplittableRandom(12);
        byte[] x = new byte[Math.toIntExact(STREAMING.elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) r.nextInt();
        }
        ByteTensor t = new ByteTensor(STREAMING, x);
        try (GemmWorkers one = new GemmWorkers(1); GemmWorkers three = new GemmWorkers(3)) {
            assertArrayEquals(Int8Kernels.relu(t, LaneLoops.best(), false, one).data(),
                    Int8Kernels.relu(t, LaneLoops.best(), false, three).data());
        }
    }
}
