package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.models.graph.Network;
import org.sasim.models.graph.Node;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.CsvRead;
import org.sasim.reports.study.DramStallsStudy.Comparison;
import org.sasim.reports.study.DramStallsStudy.Cycles;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.LayerResult;
import org.sasim.simulator.network.NetworkSimulator;

class DramStallsStudyTest {
    @Test
    void theSixLayersAreResNet18sOwnWithTheirInputShapes() {
        Network r = ModelZoo.build("resnet18", 1, 224, 224);
        List<Network> six = DramStallsStudy.layers();
        assertEquals(6, six.size());
        for (int i = 0; i < 6; i++) {
            String name = DramStallsStudy.LAYERS.get(i);
            Node zoo = r.nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
            Node alone = six.get(i).nodes().get(0);
            assertEquals(zoo.macs(), alone.macs(), name);
            assertEquals(zoo.outputShape(), alone.outputShape(), name);
        }
    }

    @Test
    void reversalMeansWsCheaperInComputeButOsCheaperInTotal() {
        // The paper's numbers: WS 21% fewer compute cycles, OS 30.1% fewer total cycles.
        Comparison paper = new Comparison(10, 1, new Cycles(100, 900), new Cycles(79, 1351));
        assertEquals(21.0, paper.wsComputeSavingPct(), 1e-12);
        assertEquals(100.0 * (1430 - 1000) / 1430, paper.osTotalSavingPct(), 1e-12);
        assertTrue(paper.reversal());
        assertFalse(new Comparison(10, 1, new Cycles(100, 0), new Cycles(79, 0)).reversal());
        assertFalse(new Comparison(10, 1, new Cycles(79, 900), new Cycles(100, 1351)).reversal());
    }

    @Test
    void chartAndSummaryEqualTheSimulatorsLayerResults(@TempDir Path dir) throws Exception {
        Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY);
        StudyResult r = new DramStallsStudy(List.of(10.0), List.of(1)).run(acc, dir);
        StudyOutputs.assertValid(r);
        var rows = CsvRead.read(dir.resolve("compute_vs_total.csv"));
        int i = 0;
        for (Dataflow d : Dataflow.values()) {
            NetworkSimulator sim = new NetworkSimulator(StudySimulation.withArray(acc, 32, 32, d),
                    StudySimulation.OPTIONS);
            long compute = 0;
            long total = 0;
            for (Network n : DramStallsStudy.layers()) {
                LayerResult l = sim.timing(n).layers().get(0);
                compute += l.computeCycles();
                total += l.totalCycles() + l.prologueCycles() + l.epilogueCycles();
            }
            assertEquals(d.shortName(), CsvRead.column(rows, "dataflow").get(i));
            assertEquals(compute, Long.parseLong(CsvRead.column(rows, "compute_cycles").get(i)));
            assertEquals(total, Long.parseLong(CsvRead.column(rows, "total_cycles").get(i)));
            i++;
        }
        String md = Files.readString(r.summary());
        assertTrue(md.contains("30.1%") && md.contains("21%"), "summary must compare with the paper's numbers");
        assertTrue(md.contains("reproduces the direction") || md.contains("does not reproduce"));
    }
}
