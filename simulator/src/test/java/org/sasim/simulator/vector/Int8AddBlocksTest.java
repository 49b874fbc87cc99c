package org.sasim.simulator.vector;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Shape;
import org.sasim.models.quant.AddRescale;
import org.sasim.models.quant.QuantizedMultiplier;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.simulator.compute.GemmWorkers;

/**
 * The int8 residual add, summed block by block in a small buffer, gives every element the scheme's definition:
 * {@link AddRescale#output} of the int32 sum of {@link AddRescale#rescaleInput} over the inputs, on tensors of
 * several blocks and a partial one, on one thread and on three, into a fresh array or over its first input.
 */
class Int8AddBlocksTest {
    /**
     * 51,189 elements: above the split threshold; on one thread 12 full 4,096-element blocks and a partial one, on
     * three 17,063 each, 4 full blocks and a partial one.
     */
    private static final Shape SHAPE = Shape.nchw(1, 3, 113, 151);

    private static byte[] definition(List<ByteTensor> xs, AddRescale r) {
        byte[] y = new byte[Math.toIntExact(SHAPE.elements())];
        for (int i = 0; i < y.length; i++) {
            int sum = 0;
            for (int k = 0; k < xs.size(); k++) {
                sum += r.rescaleInput(k, xs.get(k).data()[i]);
            }
            y[i] = r.output(sum);
        }
        return y;
    }

    private static void check(AddRescale r, int inputs) {
        assertTrue(SHAPE.elements() >= PlaneRanges.MIN_PARALLEL_ELEMENTS, "the add must be large enough to split");
        SplittableRandom rnd = new SplittableRandom(7);
        List<ByteTensor> xs = new java.util.ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            byte[] b = new byte[Math.toIntExact(SHAPE.elements())];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) rnd.nextInt();
            }
            xs.add(new ByteTensor(SHAPE, b));
        }
        byte[] want = definition(xs, r);
        for (LaneLoops loops : List.of(new ScalarLaneLoops(), LaneLoops.best())) {
            for (int threads : new int[] {1, 3}) {
                for (boolean inPlace : new boolean[] {false, true}) {
                    // in place, the sum is written over (a copy of) the first input
                    List<ByteTensor> ins = new java.util.ArrayList<>(xs);
                    ins.set(0, new ByteTensor(SHAPE, xs.get(0).data().clone()));
                    try (GemmWorkers workers = new GemmWorkers(threads)) {
                        assertArrayEquals(want, Int8Kernels.add(ins, r, SHAPE, loops, inPlace, workers).data(),
                                loops.getClass().getSimpleName() + " on " + threads + " threads, in place "
                                        + inPlace);
                    }
                }
            }
        }
    }

    @Test
    void twoInputsRequantizedDownLikeAResNetResidual() {
        check(AddRescale.of(new double[] {0.05, 0.031}, 0.07), 2);
    }

    @Test
    void threeInputsToAFinerOutputScale() {
        // an output multiplier above 1 (a left shift): the path that does not use the lane loops
        AddRescale r = AddRescale.of(new double[] {0.05, 0.02, 0.04}, 0.05);
        AddRescale up = new AddRescale(r.inputs(), new QuantizedMultiplier(1 << 30, 2));
        check(r, 3);
        check(up, 3);
    }
}
