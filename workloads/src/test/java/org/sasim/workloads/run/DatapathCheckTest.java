package org.sasim.workloads.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
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

/** The layer-by-layer check finds exactly the layer whose output is wrong. */
class DatapathCheckTest {
    private static final Network NET = Network.of("tiny", Shape.of(1, 3, 12, 12), List.of(
            Conv2d.square("conv", "input", 3, 8, 3, 1, 1, true),
            new Relu("relu", "conv"),
            new Flatten("flat", "relu"),
            new Linear("fc", "flat", 8 * 12 * 12, 5, true)));

    private static NetworkSimulator simulator(Datatype dt) {
        Accelerator a = Accelerator.scaleSim(8, 8, Dataflow.OUTPUT_STATIONARY).withDatatype(dt);
        return new NetworkSimulator(a, new SimulationOptions(TimingConvention.sasim(), Engine.FAST, 1, false));
    }

    @Test
    void anUntouchedFp32RunPassesEveryLayer() {
        Weights w = SeededWeights.generate(NET, 3);
        FloatTensor x = SeededInput.generate(NET, 3);
        DatapathCheck check = new DatapathCheck(NET, w, x, Tolerance.of(Datatype.FP32, Tolerance.FP32_RELATIVE));
        simulator(Datatype.FP32).run(NET, w, x, check);
        assertTrue(check.passed(), check.table());
        assertEquals(List.of("conv", "relu", "flat", "fc"),
                check.differences().stream().map(LayerDifference::layer).toList());
        // ReLU and flatten on the array's own output are exact.
        assertEquals(0, check.differences().get(1).maxAbs());
        assertEquals(0, check.differences().get(2).maxAbs());
    }

    @Test
    void aPerturbedLayerFailsWithItsPerturbationAsMaxAbs() {
        Weights w = SeededWeights.generate(NET, 3);
        FloatTensor x = SeededInput.generate(NET, 3);
        DatapathCheck check = new DatapathCheck(NET, w, x, Tolerance.of(Datatype.FP32, Tolerance.FP32_RELATIVE));
        // The seam: the observer sees a corrupted fc output, as a datapath bug would produce.
        simulator(Datatype.FP32).run(NET, w, x, (name, t) -> {
            if (name.equals("fc")) {
                float[] d = t.data().clone();
                d[2] += 1000;
                t = new FloatTensor(t.shape(), d);
            }
            check.accept(name, t);
        });
        assertFalse(check.passed());
        LayerDifference fc = check.differences().get(3);
        assertFalse(fc.passed());
        assertEquals(1000, fc.maxAbs(), 1e-2);
        assertTrue(check.differences().subList(0, 3).stream().allMatch(LayerDifference::passed), check.table());
        assertTrue(check.table().contains("FAIL: 3 of 4 layers"), check.table());
    }

    @Test
    void aNanWhereTheReferenceHasANumberFails() {
        Weights w = SeededWeights.generate(NET, 3);
        FloatTensor x = SeededInput.generate(NET, 3);
        DatapathCheck check = new DatapathCheck(NET, w, x, Tolerance.of(Datatype.FP32, 1));
        simulator(Datatype.FP32).run(NET, w, x, (name, t) -> {
            if (name.equals("conv")) {
                float[] d = t.data().clone();
                d[0] = Float.NaN;
                t = new FloatTensor(t.shape(), d);
            }
            check.accept(name, t);
        });
        assertFalse(check.differences().get(0).passed());
    }

    @Test
    void exactToleranceFailsOnAnyDifferenceAndPassesEquality() {
        Tolerance exact = Tolerance.of(Datatype.INT8, Tolerance.FP32_RELATIVE);
        FloatTensor ref = new FloatTensor(Shape.of(1, 2), new float[] {1, 2});
        assertEquals(List.of(0.0, 0.0), java.util.Arrays.stream(exact.bounds(new Relu("r", "input"), List.of(ref),
                null, ref)).boxed().toList());
    }
}
