package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.CsvRead;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;

class RooflineStudyTest {
    @Test
    void everyArrayLayerSitsAtMacsPerDramByteOfItsLayerResultAndUnderBothRoofs(@TempDir Path dir) throws Exception {
        Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.WEIGHT_STATIONARY);
        StudyResult r = new RooflineStudy(112).run(acc, dir);
        StudyOutputs.assertValid(r);
        NetworkResult sim = new NetworkSimulator(acc, StudySimulation.OPTIONS).timing(RooflineStudy.network(112));
        List<LayerResult> array = sim.layers().stream().filter(LayerResult::onArray).toList();
        var rows = CsvRead.read(dir.resolve("roofline.csv"));
        List<String> labels = CsvRead.column(rows, "label");
        List<String> xs = CsvRead.column(rows, "macs_per_dram_byte");
        List<String> ys = CsvRead.column(rows, "macs_per_cycle");
        for (LayerResult l : array) {
            int i = labels.indexOf(l.name());
            assertTrue(i >= 0, l.name() + " missing from the roofline");
            double intensity = (double) l.macs() / l.dram().totalBytes();
            assertEquals(intensity, Double.parseDouble(xs.get(i)), 0, l.name());
            // Achieved: MACs over every cycle the layer holds the array, including loading its first tiles.
            long cycles = l.totalCycles() + l.prologueCycles() + l.epilogueCycles();
            double achieved = Double.parseDouble(ys.get(i));
            assertEquals((double) l.macs() / cycles, achieved, 1e-9 * achieved, l.name());
            // A layer can beat neither roof: 1 MAC per PE per cycle, and 10 bytes per cycle x intensity.
            assertTrue(achieved <= 32 * 32 && achieved <= 10 * intensity * (1 + 1e-12), l.name() + " above the roof");
        }
        // The compute roof is flat at the PE count; the DRAM roof rises with slope 10 bytes/cycle.
        for (int i = 0; i < labels.size(); i++) {
            double x = Double.parseDouble(xs.get(i));
            double y = Double.parseDouble(ys.get(i));
            if (labels.get(i).equals("compute_roof")) {
                assertEquals(1024, y);
            } else if (labels.get(i).equals("dram_roof")) {
                assertEquals(10 * x, y, 1e-9 * y);
            }
        }
        assertEquals(array.size(), labels.stream().filter(s -> !s.endsWith("_roof")).count());
    }

    @Test
    void ridgeSplitsBandwidthBoundFromComputeBoundLayers() {
        Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY);
        // Ridge: 1024 PEs / 10 bytes per cycle = 102.4 MACs per byte.
        var below = new org.sasim.reports.run.LayerStats("a", "conv2d", "1x1x1x1", 0, 1023, 1, 0, 0, 0, 0, 0, 0,
                10, 0, 0);
        var above = new org.sasim.reports.run.LayerStats("b", "conv2d", "1x1x1x1", 0, 1025, 1, 0, 0, 0, 0, 0, 0,
                10, 0, 0);
        assertTrue(RooflineStudy.bandwidthBound(acc, below));
        assertTrue(!RooflineStudy.bandwidthBound(acc, above));
    }
}
