package org.sasim.workloads.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.workloads.cli.UserError;
import org.sasim.workloads.run.SweepTable.PointOutcome;
import org.sasim.workloads.spec.SimulationOptions;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.Workload;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;

/**
 * Sweep points that differ only in DRAM bandwidth are timed together; grouping them must never change a point's
 * result or error, nor depend on anything but the points.
 */
class BandwidthFamilyTest {
    private static final String MODEL = """
            model:
              input: [3, 32, 32]
              layers:
                - {name: c1, kind: conv2d, in_channels: 3, out_channels: 24, kernel: 3, padding: 1}
                - {name: r1, kind: relu}
                - {name: c2, kind: conv2d, in_channels: 24, out_channels: 40, kernel: 3, stride: 2}
                - {name: c3, kind: conv2d, in_channels: 40, out_channels: 40, kernel: 3, padding: 1}
                - {name: p, kind: globalavgpool}
                - {name: f, kind: flatten}
                - {name: fc, kind: linear, in_features: 40, out_features: 10}
            """;

    @TempDir
    Path dir;

    private Workload load(String accelerator, String sweep) throws IOException {
        Path w = Files.writeString(dir.resolve("w.yaml"), MODEL + accelerator + "\nsweep:\n" + sweep);
        return new WorkloadLoader(new ZooCatalog()).load(w);
    }

    private static List<List<Integer>> indices(List<BandwidthFamily> families) {
        return families.stream().map(f -> f.points().stream().map(SweepPoint::index).toList()).toList();
    }

    /** Each point run on its own, as the sweep did before families. */
    private static PointOutcome alone(Workload w, SweepPoint p) {
        SimulationOptions sim = w.simulation().timingOnly();
        try {
            PointSimulation ps = new PointSimulation(w, p, sim, 1);
            return PointOutcome.ran(ps.report(ps.timing()));
        } catch (UserError e) {
            return PointOutcome.failed(String.join("; ", e.problems()));
        }
    }

    private static void assertEveryOutcomeEqualsThePointAlone(Workload w) {
        SimulationOptions sim = w.simulation().timingOnly();
        int compared = 0;
        for (BandwidthFamily f : BandwidthFamily.of(w.points())) {
            List<PointOutcome> together = f.outcomes(w, sim);
            for (int i = 0; i < f.points().size(); i++) {
                assertEquals(alone(w, f.points().get(i)), together.get(i), "point " + f.points().get(i).index());
                compared++;
            }
        }
        assertEquals(w.points().size(), compared);
    }

    @Test
    void pointsThatDifferOnlyInBandwidthFormOneFamilyWhereverTheBandwidthAxisIs() throws IOException {
        Workload inner = load("accelerator: {preset: scalesim-32x32-os}",
                "  accelerator.rows: [4, 8]\n  accelerator.dram_bandwidth: [1, 2, 4]\n");
        assertEquals(List.of(List.of(0, 1, 2), List.of(3, 4, 5)), indices(BandwidthFamily.of(inner.points())));
        Workload outer = load("accelerator: {preset: scalesim-32x32-os}",
                "  accelerator.dram_bandwidth: [1, 2, 4]\n  accelerator.rows: [4, 8]\n");
        assertEquals(List.of(List.of(0, 2, 4), List.of(1, 3, 5)), indices(BandwidthFamily.of(outer.points())));
    }

    @Test
    void pointsThatDifferInAnythingElseAreNeverInOneFamily() throws IOException {
        Workload w = load("accelerator: {preset: scalesim-32x32-os}",
                "  accelerator.dataflow: [os, ws]\n  accelerator.dram_latency: [0, 5]\n");
        assertEquals(List.of(List.of(0), List.of(1), List.of(2), List.of(3)), indices(BandwidthFamily.of(w.points())));
    }

    @Test
    void aFamilyHoldsAtMostItsBoundOfPoints() throws IOException {
        StringBuilder bws = new StringBuilder();
        int n = BandwidthFamily.MAX_POINTS + 4;
        for (int i = 1; i <= n; i++) {
            bws.append(i == 1 ? "" : ", ").append(i);
        }
        Workload w = load("accelerator: {preset: scalesim-32x32-os}",
                "  accelerator.dram_bandwidth: [" + bws + "]\n");
        List<Integer> first = new ArrayList<>();
        List<Integer> second = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < BandwidthFamily.MAX_POINTS ? first : second).add(i);
        }
        assertEquals(List.of(first, second), indices(BandwidthFamily.of(w.points())));
    }

    @Test
    void everyPointOfAFamilyGetsTheResultItGetsAlone() throws IOException {
        Workload w = load("accelerator: {preset: scalesim-32x32-os, ifmap_sram: 2KiB, filter_sram: 2KiB, "
                        + "ofmap_sram: 2KiB, dram_latency: 3}",
                "  accelerator.cols: [8, 16]\n  accelerator.dataflow: [os, ws, is]\n"
                        + "  accelerator.dram_bandwidth: [0.5, 2, 16, 3]\n");
        assertEveryOutcomeEqualsThePointAlone(w);
        // the families did share: 6 of them for 24 points
        assertEquals(6, BandwidthFamily.of(w.points()).size());
        // and the bandwidth matters at these sizes: 0.5 bytes/cycle stalls more than 16
        PointOutcome slow = alone(w, w.points().get(0));
        PointOutcome fast = alone(w, w.points().get(2));
        assertTrue(slow.run().totals().stallCycles() > fast.run().totals().stallCycles());
    }

    @Test
    void aFamilyTheAcceleratorCannotRunReportsEachPointsOwnError() throws IOException {
        Workload w = load("accelerator: {preset: scalesim-32x32-os, ifmap_sram: 16B, filter_sram: 16B, "
                        + "ofmap_sram: 16B}",
                "  accelerator.rows: [4, 8]\n  accelerator.dram_bandwidth: [1, 2]\n");
        assertEveryOutcomeEqualsThePointAlone(w);
        PointOutcome third = BandwidthFamily.of(w.points()).get(1).outcomes(w, w.simulation().timingOnly()).get(0);
        assertTrue(!third.ok() && third.error().contains("sweep point 2: accelerator.rows=8, "
                + "accelerator.dram_bandwidth=1"), String.valueOf(third.error()));
    }
}
