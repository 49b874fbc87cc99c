package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.CsvRead;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;

class DataflowArrayStudyTest {
    @Test
    void chartCsvsEqualTheSimulatorsWholeNetworkResults(@TempDir Path dir) throws Exception {
        Accelerator acc = Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY);
        List<Integer> sides = List.of(16, 64);
        StudyResult r = new DataflowArrayStudy(sides).run(acc, dir);
        StudyOutputs.assertValid(r);
        var cycles = CsvRead.read(dir.resolve("cycles.csv"));
        var util = CsvRead.read(dir.resolve("utilization.csv"));
        var dram = CsvRead.read(dir.resolve("dram.csv"));
        for (Dataflow d : Dataflow.values()) {
            for (int row = 0; row < sides.size(); row++) {
                int side = sides.get(row);
                String f = d.shortName();
                Accelerator a = StudySimulation.withArray(acc, side, side, d);
                NetworkResult n = new NetworkSimulator(a, StudySimulation.OPTIONS).timing(DataflowArrayStudy.network());
                // Every layer, vector unit included, plus each array layer's first-tile load and last write-back.
                assertEquals(n.latencyCycles(), Long.parseLong(CsvRead.column(cycles, f + "_total_cycles").get(row)));
                assertEquals(side + "x" + side, CsvRead.column(cycles, "array").get(row));
                long arrayCycles = n.layers().stream().filter(l -> l.onArray())
                        .mapToLong(l -> l.totalCycles() + l.prologueCycles() + l.epilogueCycles()).sum();
                assertEquals(100.0 * n.macs() / ((double) arrayCycles * side * side),
                        Double.parseDouble(CsvRead.column(util, f + "_utilization_pct").get(row)), 1e-9);
                assertEquals(n.dram().totalBytes() / 1e6,
                        Double.parseDouble(CsvRead.column(dram, f + "_dram_megabytes").get(row)), 1e-12);
            }
        }
    }
}
