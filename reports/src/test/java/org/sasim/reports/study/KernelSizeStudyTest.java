package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.reports.CsvRead;
import org.sasim.reports.study.KernelSizeStudy.Stack;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

class KernelSizeStudyTest {
    private static final Stack FIVE = KernelSizeStudy.STACKS.get(0);
    private static final Stack TWO3 = KernelSizeStudy.STACKS.get(1);
    private static final Stack SEVEN = KernelSizeStudy.STACKS.get(2);
    private static final Stack THREE3 = KernelSizeStudy.STACKS.get(3);

    @Test
    void stacksOfThreeByThreeHaveExactParamsMacsAndTheSameReceptiveField() {
        for (int c : List.of(8, 64, 128, 256)) {
            long c2 = (long) c * c;
            assertEquals(25 * c2, KernelSizeStudy.stack(FIVE, c).params());
            assertEquals(18 * c2, KernelSizeStudy.stack(TWO3, c).params());
            assertEquals(49 * c2, KernelSizeStudy.stack(SEVEN, c).params());
            assertEquals(27 * c2, KernelSizeStudy.stack(THREE3, c).params());
            // Same output size, so MACs scale exactly like params: 56*56 outputs x taps x C x C.
            long px = 56L * 56;
            assertEquals(px * 25 * c2, KernelSizeStudy.stack(FIVE, c).macs());
            assertEquals(px * 18 * c2, KernelSizeStudy.stack(TWO3, c).macs());
            assertEquals(5, KernelSizeStudy.receptiveField(KernelSizeStudy.stack(FIVE, c)));
            assertEquals(5, KernelSizeStudy.receptiveField(KernelSizeStudy.stack(TWO3, c)));
            assertEquals(7, KernelSizeStudy.receptiveField(KernelSizeStudy.stack(SEVEN, c)));
            assertEquals(7, KernelSizeStudy.receptiveField(KernelSizeStudy.stack(THREE3, c)));
        }
    }

    @Test
    void alexNetConv1AlternativesKeepStrideFourAndReportTheirFields() {
        List<Network> v = List.copyOf(KernelSizeStudy.alexNetConv1Variants().values());
        assertEquals("1x64x55x55", v.get(0).outputShape().toString());
        assertEquals(64L * 3 * 121 + 64, v.get(0).params());
        assertEquals(List.of(11, 7, 15), v.stream().map(KernelSizeStudy::receptiveField).toList());
        assertEquals(4, v.get(1).receptiveFields().get("conv1b").jumpH());
        assertEquals("1x64x56x56", v.get(2).outputShape().toString());
    }

    @Test
    void studyChartsEqualTheSimulatorsResults(@TempDir Path dir) throws Exception {
        Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.WEIGHT_STATIONARY);
        StudyResult r = new KernelSizeStudy(List.of(32, 64)).run(acc, dir);
        assertTrue(Files.readString(r.summary()).contains("18C^2"));
        List<List<String>> rows = CsvRead.read(dir.resolve("cycles.csv"));
        List<String> arrays = CsvRead.column(rows, "array");
        int i = arrays.indexOf("is 64x64");
        long expected = StudySimulation.run(KernelSizeStudy.stack(THREE3, KernelSizeStudy.CHART_CHANNELS),
                StudySimulation.withArray(acc, 64, 64, Dataflow.INPUT_STATIONARY), "t").totals().totalCycles();
        assertEquals(expected, Long.parseLong(CsvRead.column(rows, "three_3x3_cycles").get(i)));
        List<List<String>> params = CsvRead.read(dir.resolve("params.csv"));
        assertEquals(Long.toString(18L * 256 * 256), CsvRead.column(params, "two_3x3_params").get(2));
        StudyOutputs.assertValid(r);
    }
}
