package org.sasim.workloads.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.quant.Int8Network;
import org.sasim.models.quant.WeightGranularity;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.ByteTensor;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.compute.Engine;
import org.sasim.simulator.compute.TimingConvention;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.simulator.network.SimulationOptions;

/** The int8 layer-by-layer check requires every layer's int8 output to equal the int8 reference's. */
class Int8DatapathCheckTest {
    private static final Network NET = Network.of("tiny", Shape.of(1, 3, 12, 12), List.of(
            Conv2d.square("conv", "input", 3, 8, 3, 1, 1, true),
            new Relu("relu", "conv"),
            MaxPool2d.square("pool", "relu", 2, 2, 0),
            new Flatten("flat", "pool"),
            new Linear("fc", "flat", 8 * 6 * 6, 5, true)));
    private static final Weights WEIGHTS = SeededWeights.generate(NET, 5);
    private static final FloatTensor INPUT = SeededInput.generate(NET, 5);
    private static final Int8Network PROGRAM = Int8Network.of(NET, WEIGHTS,
            ReferenceEngine.calibrate(NET, WEIGHTS, INPUT, WeightGranularity.PER_CHANNEL));

    private static NetworkSimulator simulator() {
        Accelerator a = Accelerator.scaleSim(8, 8, Dataflow.WEIGHT_STATIONARY).withDatatype(Datatype.INT8);
        return new NetworkSimulator(a, new SimulationOptions(TimingConvention.sasim(), Engine.FAST, 1, false));
    }

    @Test
    void theDatapathEqualsTheInt8ReferenceOnEveryLayer() {
        Int8DatapathCheck check = new Int8DatapathCheck(PROGRAM, INPUT);
        simulator().runInt8(PROGRAM, INPUT, check);
        assertTrue(check.passed(), check.table());
        assertEquals(List.of("conv", "relu", "pool", "flat", "fc"),
                check.differences().stream().map(LayerDifference::layer).toList());
        assertTrue(check.differences().stream().allMatch(d -> d.maxAbs() == 0), check.table());
        assertTrue(check.table().contains("PASS: 5 of 5 layers equal"), check.table());
    }

    @Test
    void aChangedInt8ValueFailsItsLayerWithTheChangeAsMaxAbs() {
        Int8DatapathCheck check = new Int8DatapathCheck(PROGRAM, INPUT);
        int[] change = new int[1];
        // The seam: the check sees a pool output with one value moved, as a datapath bug would produce.
        simulator().runInt8(PROGRAM, INPUT, (name, t) -> {
            if (name.equals("pool")) {
                byte[] d = t.data().clone();
                byte moved = (byte) (d[3] == 127 ? 100 : 127);
                change[0] = Math.abs(moved - d[3]);
                d[3] = moved;
                t = new ByteTensor(t.shape(), d);
            }
            check.accept(name, t);
        });
        assertFalse(check.passed());
        LayerDifference pool = check.differences().get(2);
        assertFalse(pool.passed());
        assertTrue(change[0] > 0);
        assertEquals(change[0], pool.maxAbs());
        assertTrue(check.differences().subList(0, 2).stream().allMatch(LayerDifference::passed), check.table());
        assertTrue(check.table().contains("FAIL: 4 of 5 layers equal"), check.table());
    }

    @Test
    void anIncompleteRunDoesNotPass() {
        Int8DatapathCheck check = new Int8DatapathCheck(PROGRAM, INPUT);
        simulator().runInt8(PROGRAM, INPUT, (name, t) -> {
            if (!name.equals("fc")) {
                check.accept(name, t);
            }
        });
        assertTrue(check.differences().stream().allMatch(LayerDifference::passed));
        assertFalse(check.passed());
    }
}
