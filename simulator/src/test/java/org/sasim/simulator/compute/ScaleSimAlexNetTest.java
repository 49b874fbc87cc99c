package org.sasim.simulator.compute;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.mapping.Gemm;
import org.sasim.simulator.mapping.ScaleSimLayer;

/** The scalesim convention against SCALE-Sim v2's own reports for AlexNet on a 32x32 array. */
class ScaleSimAlexNetTest {
    private static final Path SCALESIM = Path.of(System.getProperty("sasim.root", "."), "..", "shared", "reference",
            "scalesim");

    private static List<ScaleSimLayer> alexnet() throws IOException {
        return Files.readAllLines(SCALESIM.resolve("topologies/alexnet.csv")).stream().skip(1)
                .filter(l -> !l.isBlank()).map(ScaleSimLayer::parse).toList();
    }

    private static List<String[]> report(String file) throws IOException {
        return Files.readAllLines(SCALESIM.resolve("alexnet_32x32_os").resolve(file)).stream().skip(1)
                .filter(l -> !l.isBlank()).map(l -> l.split("\\s*,\\s*")).toList();
    }

    private static FoldSchedule schedule(ScaleSimLayer layer, Dataflow df) {
        return FoldSchedule.of(layer.gemm(), new ArraySpec(32, 32, df), TimingConvention.scaleSim());
    }

    @Test
    void osComputeReportEveryColumn() throws IOException {
        List<ScaleSimLayer> layers = alexnet();
        List<String[]> rows = report("COMPUTE_REPORT.csv");
        assertEquals(5, layers.size());
        assertEquals(layers.size(), rows.size());
        for (int i = 0; i < layers.size(); i++) {
            FoldSchedule s = schedule(layers.get(i), Dataflow.OUTPUT_STATIONARY);
            String[] r = rows.get(i);
            assertEquals(i, Integer.parseInt(r[0].trim()));
            assertEquals(Long.parseLong(r[1].trim()), s.cycles(), "total cycles, layer " + i);
            assertEquals(0, Long.parseLong(r[2].trim()), "stall cycles are 0 in CALC mode");
            assertEquals(Double.parseDouble(r[3]), 100 * s.utilization(), 1e-9, "overall util, layer " + i);
            assertEquals(Double.parseDouble(r[4]), 100 * s.mappingEfficiency(), 1e-9, "mapping eff, layer " + i);
            assertEquals(Double.parseDouble(r[5]), 100 * s.computeUtilization(), 1e-9, "compute util, layer " + i);
        }
    }

    @Test
    void osNetworkTotalIsReadmeValue() throws IOException {
        long total = 0;
        for (ScaleSimLayer l : alexnet()) {
            total += schedule(l, Dataflow.OUTPUT_STATIONARY).cycles();
        }
        assertEquals(850_960, total);
    }

    @Test
    void osDetailedAccessReportSramCounts() throws IOException {
        List<ScaleSimLayer> layers = alexnet();
        List<String[]> rows = report("DETAILED_ACCESS_REPORT.csv");
        for (int i = 0; i < layers.size(); i++) {
            SramAccesses a = schedule(layers.get(i), Dataflow.OUTPUT_STATIONARY).sram();
            String[] r = rows.get(i);
            assertEquals(Long.parseLong(r[3].trim()), a.ifmapReads(), "IFMAP reads, layer " + i);
            assertEquals(Long.parseLong(r[6].trim()), a.filterReads(), "filter reads, layer " + i);
            assertEquals(Long.parseLong(r[9].trim()), a.ofmapWrites(), "OFMAP writes, layer " + i);
            assertEquals(0, a.ofmapReads());
        }
    }

    @Test
    void conv1GemmUsesCeilOutputRule() throws IOException {
        // E = ceil((224 - 11 + 4) / 4) = ceil(54.25) = 55; M = 55*55 = 3025, K = 11*11*3 = 363, N = 96.
        assertEquals(new Gemm(3025, 96, 363, 1), alexnet().get(0).gemm());
    }

    @Test
    void wsConv1FromReadmeFormulas() throws IOException {
        // ws: rows K = 363, cols N = 96, T = M = 3025. Folds ceil(363/32)*ceil(96/32) = 12*3 = 36.
        // Per fold 2R+C+T-2 = 64+32+3025-2 = 3119; total 36*3119-1 = 112,283.
        FoldSchedule s = schedule(alexnet().get(0), Dataflow.WEIGHT_STATIONARY);
        assertEquals(36, s.folds());
        assertEquals(36L * 3119 - 1, s.cycles());
        // Mapping efficiency = K*N / (folds*R*C) = 34848/36864; compute util uses 2R+2C+T-3 = 3150.
        assertEquals(34848.0 / 36864, s.mappingEfficiency(), 1e-12);
        assertEquals(34848.0 / 36864 * 3025 / 3150, s.computeUtilization(), 1e-12);
        assertEquals(3025.0 * 96 * 363 / (112_283.0 * 1024), s.utilization(), 1e-12);
        // SRAM: IFMAP M*K*colFolds, filter K*N, OFMAP M*N*rowFolds.
        assertEquals(new SramAccesses(3025L * 363 * 3, 363L * 96, 0, 3025L * 96 * 12), s.sram());
    }

    @Test
    void isConv1FromReadmeFormulas() throws IOException {
        // is: rows K = 363, cols M = 3025, T = N = 96. Folds 12 * ceil(3025/32) = 12*95 = 1140.
        // Per fold 2R+C+T-2 = 64+32+96-2 = 190; total 1140*190-1 = 216,599.
        FoldSchedule s = schedule(alexnet().get(0), Dataflow.INPUT_STATIONARY);
        assertEquals(1140, s.folds());
        assertEquals(1140L * 190 - 1, s.cycles());
        double eff = 363.0 * 3025 / (1140 * 1024.0);
        assertEquals(eff, s.mappingEfficiency(), 1e-12);
        assertEquals(eff * 96 / (96 + 64 + 64 - 3), s.computeUtilization(), 1e-12);
        // SRAM: IFMAP K*M, filter K*N*colFolds, OFMAP M*N*rowFolds.
        assertEquals(new SramAccesses(363L * 3025, 363L * 96 * 95, 0, 3025L * 96 * 12), s.sram());
    }
}
