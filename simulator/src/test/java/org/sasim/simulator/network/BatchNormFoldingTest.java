package org.sasim.simulator.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.models.graph.Network;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.models.weights.Weights;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;

/** The foldBatchNorm option: batch norms vanish from the schedule, the output stays the unfolded reference's. */
class BatchNormFoldingTest {
    private static final Network NET = ModelZoo.build("resnet18", 1, 32, 32);
    private static final Accelerator ACC = new Accelerator("t", new ArraySpec(16, 16, Dataflow.OUTPUT_STATIONARY),
            Datatype.FP32, 1.0, new MemorySpec(64 * 1024, 64 * 1024, 64 * 1024, 16, 10), new VectorUnitSpec(16));

    private static boolean isBatchNorm(LayerResult l) {
        return NET.node(l.name()).layer() instanceof org.sasim.models.graph.BatchNorm2d;
    }

    @Test
    void foldedBatchNormsCostNoCyclesAndNoBytesAndNothingElseChanges() {
        NetworkResult unfolded = new NetworkSimulator(ACC, SimulationOptions.defaults()).timing(NET);
        NetworkResult folded = new NetworkSimulator(ACC, SimulationOptions.defaults().withFoldBatchNorm(true))
                .timing(NET);
        long bnCycles = 0;
        long bnBytes = 0;
        List<LayerResult> before = unfolded.layers();
        for (int i = 0; i < before.size(); i++) {
            LayerResult f = folded.layers().get(i);
            if (isBatchNorm(f)) {
                assertEquals(0, f.totalCycles(), f.name());
                assertEquals(0, f.dram().totalBytes(), f.name());
                assertTrue(before.get(i).vectorUnitCycles() > 0, f.name());
                bnCycles += before.get(i).totalCycles();
                bnBytes += before.get(i).dram().totalBytes();
            } else {
                assertEquals(before.get(i), f, f.name());
            }
        }
        assertEquals(unfolded.totalCycles() - bnCycles, folded.totalCycles());
        assertEquals(unfolded.dram().totalBytes() - bnBytes, folded.dram().totalBytes());
    }

    @Test
    void theFoldedFp32OutputIsTheUnfoldedReferenceWithinTolerance() {
        Weights w = SeededWeights.generate(NET, 5);
        FloatTensor input = SeededInput.generate(NET, 5);
        FloatTensor want = ReferenceEngine.run(NET, w, input, ReferenceEngine.Retention.OUTPUT_ONLY).output();
        FloatTensor got = new NetworkSimulator(ACC, SimulationOptions.defaults().withFoldBatchNorm(true))
                .run(NET, w, input).output().orElseThrow();
        double max = 0;
        for (float v : want.data()) {
            max = Math.max(max, Math.abs(v));
        }
        // same bound as the unfolded fp32 networks (docs/quantization.md, "fp32 tolerance")
        double tol = 1e-4 * Math.max(1, max);
        for (int i = 0; i < want.data().length; i++) {
            assertTrue(Math.abs(want.data()[i] - got.data()[i]) <= tol, "logit " + i);
        }
    }
}
