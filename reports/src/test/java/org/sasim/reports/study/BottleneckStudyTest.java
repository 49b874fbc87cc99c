package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.CsvRead;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.study.StudySimulation;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

class BottleneckStudyTest {
    @Test
    void paramsAndMacsFromFirstPrinciples() {
        // 256*64 + 64*64*9 + 64*256 vs 2 * 256*256*9, no bias.
        assertEquals(16_384 + 36_864 + 16_384, BottleneckStudy.bottleneck().params());
        assertEquals(2L * 589_824, BottleneckStudy.twoThreeByThree().params());
        assertEquals(56L * 56 * (16_384 + 36_864 + 16_384), BottleneckStudy.bottleneck().macs());
    }

    @Test
    void chartCsvsEqualTheSimulatorsResults(@TempDir Path dir) throws Exception {
        Accelerator acc = Studies.defaultAccelerator();
        StudyOutputs.assertValid(new BottleneckStudy(List.of(32, 128)).run(acc, dir));
        List<List<String>> rows = CsvRead.read(dir.resolve("cycles.csv"));
        int i = CsvRead.column(rows, "array").indexOf("ws 128x128");
        long expected = StudySimulation.run(BottleneckStudy.bottleneck(),
                StudySimulation.withArray(acc, 128, 128, Dataflow.WEIGHT_STATIONARY), "t").totals().totalCycles();
        assertEquals(expected, Long.parseLong(CsvRead.column(rows, "bottleneck_cycles").get(i)));

        NetworkRun b = StudySimulation.run(BottleneckStudy.bottleneck(), acc, "t");
        List<List<String>> per = CsvRead.read(dir.resolve("layer_utilization.csv"));
        assertEquals("bottleneck conv1_1x1", CsvRead.column(per, "layer").get(0));
        for (int j = 0; j < b.layers().size(); j++) {
            LayerStats l = b.layers().get(j);
            assertEquals(l.utilizationPct(), Double.parseDouble(CsvRead.column(per, "utilization_pct").get(j)));
        }
    }
}
