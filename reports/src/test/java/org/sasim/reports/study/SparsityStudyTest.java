package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Conv2d;
import org.sasim.models.graph.Flatten;
import org.sasim.models.graph.Layer;
import org.sasim.models.graph.Linear;
import org.sasim.models.graph.MaxPool2d;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Relu;
import org.sasim.models.graph.Shape;
import org.sasim.models.reference.ReferenceEngine;
import org.sasim.models.tensor.FloatTensor;
import org.sasim.models.weights.SeededInput;
import org.sasim.models.weights.SeededWeights;
import org.sasim.reports.CsvRead;
import org.sasim.reports.study.SparsityStudy.Measurement;
import org.sasim.reports.study.SparsityStudy.ReluZeros;
import org.sasim.reports.study.SparsityStudy.SkippingLayer;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

class SparsityStudyTest {
    /** conv -> relu -> conv -> relu -> pool -> flatten -> fc: two ReLUs and three array layers. */
    private static Network small() {
        return Network.of("small", Shape.nchw(1, 3, 12, 12), List.<Layer>of(
                Conv2d.square("conv1", Layer.NETWORK_INPUT, 3, 8, 3, 1, 1, true),
                new Relu("relu1", "conv1"),
                Conv2d.square("conv2", "relu1", 8, 8, 3, 1, 1, true),
                new Relu("relu2", "conv2"),
                MaxPool2d.square("pool", "relu2", 2, 2, 0),
                new Flatten("flatten", "pool"),
                new Linear("fc", "flatten", 8 * 6 * 6, 10, true)));
    }

    private static long zeros(FloatTensor t) {
        long z = 0;
        for (float v : t.data()) {
            z += v == 0f ? 1 : 0;
        }
        return z;
    }

    @Test
    void zeroFractionsEqualADirectCountOnTheReferenceEnginesActivations() {
        Network n = small();
        Accelerator acc = Accelerator.scaleSim(8, 8, Dataflow.OUTPUT_STATIONARY);
        Measurement m = SparsityStudy.measure(n, acc, 3);
        Map<String, FloatTensor> ref = ReferenceEngine.run(n, SeededWeights.generate(n, 3),
                SeededInput.generate(n, 3)).activations();
        assertEquals(List.of("relu1", "relu2"), m.relus().stream().map(ReluZeros::layer).toList());
        for (ReluZeros r : m.relus()) {
            FloatTensor t = ref.get(r.layer());
            assertEquals(t.data().length, r.elements());
            assertEquals(zeros(t), r.zeros(), r.layer());
        }
        // conv2 reads relu1; fc reads the flattened pool output; conv1 reads the dense seeded input.
        SkippingLayer conv1 = m.arrayLayers().get(0);
        SkippingLayer conv2 = m.arrayLayers().get(1);
        SkippingLayer fc = m.arrayLayers().get(2);
        assertEquals(0.0, conv1.inputZeroFraction());
        assertEquals((double) zeros(ref.get("relu1")) / ref.get("relu1").data().length, conv2.inputZeroFraction());
        assertEquals((double) zeros(ref.get("pool")) / ref.get("pool").data().length, fc.inputZeroFraction());
        assertEquals((long) Math.floor(conv2.computeCycles() * conv2.inputZeroFraction()), conv2.savedCycles());
        assertEquals(0, conv1.savedCycles());
    }

    @Test
    void seededWeightsLeaveAboutHalfTheReluOutputsZeroAndTheStudySaysSo(@TempDir Path dir) throws Exception {
        StudyResult r = new SparsityStudy(List.of("alexnet"), 96).run(
                Accelerator.scaleSim(16, 16, Dataflow.OUTPUT_STATIONARY), dir);
        StudyOutputs.assertValid(r);
        var zeros = CsvRead.column(CsvRead.read(dir.resolve("alexnet_relu_zeros.csv")), "zero_pct");
        assertEquals(7, zeros.size());
        // Symmetric random weights: each pre-activation is about as likely negative as positive.
        for (String z : zeros) {
            assertTrue(Math.abs(Double.parseDouble(z) - 50) < 10, z);
        }
        String md = Files.readString(r.summary());
        assertTrue(md.contains("synthetic weights") && md.contains("50%"));
        assertTrue(md.contains(SparsityStudy.ZERO_SKIPPING_MODEL));
    }
}
