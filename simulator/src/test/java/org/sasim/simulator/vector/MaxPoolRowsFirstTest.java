package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Dims2;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.graph.Shape;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * Max pooling that reduces each input row first and then folds the row results gives, with either implementation
 * of the lane loops, the bits of the definition: each window folded tap by tap in row-major order from -infinity
 * with {@code v > m || isNaN(v) ? v : m} (PyTorch's rule: its last NaN, else its first largest tap, so of equal +0
 * and -0 the first).
 */
class MaxPoolRowsFirstTest {
    private static final Shape SHAPE = Shape.nchw(2, 3, 13, 17);
    /** Few distinct values so that ties are common, with both zeros and NaNs of two payloads. */
    private static final float[] VALUES = {-1f, -0f, 0f, 1f, 2f, Float.NEGATIVE_INFINITY,
        Float.intBitsToFloat(0x7fc00000), Float.intBitsToFloat(0xffc00123)};

    /** Kernel, stride, padding and ceil mode: overlapping, disjoint, gapped, padded and overhanging windows. */
    private static final List<MaxPool2d> POOLS = List.of(
            pool(3, 2, 1, false), pool(3, 2, 1, true), pool(2, 2, 0, false), pool(3, 1, 0, false),
            pool(2, 3, 1, true), pool(5, 2, 2, true),
            new MaxPool2d("l", Layer.NETWORK_INPUT, new Dims2(3, 2), new Dims2(1, 2), new Dims2(1, 0), false));

    private static MaxPool2d pool(int kernel, int stride, int padding, boolean ceil) {
        return new MaxPool2d("l", Layer.NETWORK_INPUT, Dims2.square(kernel), Dims2.square(stride),
                Dims2.square(padding), ceil);
    }

    private static Node node(MaxPool2d p) {
        return Network.of("v", SHAPE, List.of(p)).node("l");
    }

    private static int[] definition(MaxPool2d p, float[] x, Shape out) {
        int h = SHAPE.height();
        int w = SHAPE.width();
        int[] y = new int[Math.toIntExact(out.elements())];
        int i = 0;
        for (int plane = 0; plane < SHAPE.batch() * SHAPE.channels(); plane++) {
            for (int oy = 0; oy < out.height(); oy++) {
                for (int ox = 0; ox < out.width(); ox++) {
                    float m = Float.NEGATIVE_INFINITY;
                    for (int dy = 0; dy < p.kernel().h(); dy++) {
                        int iy = oy * p.stride().h() - p.padding().h() + dy;
                        for (int dx = 0; dx < p.kernel().w(); dx++) {
                            int ix = ox * p.stride().w() - p.padding().w() + dx;
                            if (iy >= 0 && iy < h && ix >= 0 && ix < w) {
                                float v = x[(plane * h + iy) * w + ix];
                                m = v > m || Float.isNaN(v) ? v : m;
                            }
                        }
                    }
                    y[i++] = Float.floatToRawIntBits(m);
                }
            }
        }
        return y;
    }

    @Test
    void fp32WindowsGiveTheBitsOfTheTapByTapFold() {
        SplittableRandom r = new SplittableRandom(5);
        float[] x = new float[Math.toIntExact(SHAPE.elements())];
        for (int i = 0; i < x.length; i++) {
            x[i] = VALUES[r.nextInt(VALUES.length)];
        }
        try (GemmWorkers one = new GemmWorkers(1)) {
            for (MaxPool2d p : POOLS) {
                Shape out = node(p).outputShape();
                int[] want = definition(p, x, out);
                for (LaneLoops loops : List.of(new ScalarLaneLoops(), LaneLoops.best())) {
                    float[] got = PoolingKernels.maxPool(p, new FloatTensor(SHAPE, x), out, loops, one).data();
                    assertArrayEquals(want, LaneLoopsBitsTest.bits(got),
                            p + " with " + loops.getClass().getSimpleName());
                }
            }
        }
    }

    @Test
    void int8WindowsGiveTheMaxOfTheirInBoundsTaps() {
        SplittableRandom r = new SplittableRandom(6);
        float[] wide = new float[Math.toIntExact(SHAPE.elements())];
        byte[] x = new byte[wide.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = (byte) r.nextInt();
            wide[i] = x[i];
        }
        try (GemmWorkers one = new GemmWorkers(1)) {
            for (MaxPool2d p : POOLS) {
                Shape out = node(p).outputShape();
                // on exact small integers the fp32 definition is the integer max
                int[] want = definition(p, wide, out);
                for (LaneLoops loops : List.of(new ScalarLaneLoops(), LaneLoops.best())) {
                    byte[] got = Int8Kernels.maxPool(p, new ByteTensor(SHAPE, x), out, loops, one).data();
                    float[] gotWide = new float[got.length];
                    for (int i = 0; i < got.length; i++) {
                        gotWide[i] = got[i];
                    }
                    assertArrayEquals(want, LaneLoopsBitsTest.bits(gotWide),
                            p + " with " + loops.getClass().getSimpleName());
                }
            }
        }
    }
}
