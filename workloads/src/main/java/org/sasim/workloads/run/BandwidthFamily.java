package org.sasim.workloads.run;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.memory.IfmapCountMemo;
import org.sasim.simulator.network.NetworkResult;
import org.sasim.simulator.network.NetworkSimulator;
import org.sasim.workloads.cli.UserError;
import org.sasim.workloads.run.SweepTable.PointOutcome;
import org.sasim.workloads.spec.SimulationOptions;
import org.sasim.workloads.spec.SweepPoint;
import org.sasim.workloads.spec.Workload;

/**
 * Points of one sweep that differ only in DRAM bandwidth: the same swept model fields and accelerators that are equal
 * but for bandwidth and name. Their timing is computed together ({@link PointSimulation#timingAcrossBandwidths}):
 * cutting a layer into candidate tilings, most of a point's time, does not depend on the bandwidth, so a family of n
 * points cuts each layer once instead of n times. Every point's result equals its own run.
 *
 * @param points at least one, in sweep order
 */
public record BandwidthFamily(List<SweepPoint> points) {
    /**
     * Most points timed together. The planner holds each layer's chosen tiling at every bandwidth of the family
     * while it plans the layer, so memory grows with the family; 16 keeps it bounded and still shares the cutting
     * 16 ways.
     */
    public static final int MAX_POINTS = 16;

    public BandwidthFamily {
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a bandwidth family needs a point");
        }
        points = List.copyOf(points);
    }

    /**
     * Groups {@code points} into families of at most {@link #MAX_POINTS}: a point joins the open family of its
     * model settings and bandwidth-free accelerator, families ordered by their first point. The grouping depends
     * only on the points, never on the thread count.
     */
    public static List<BandwidthFamily> of(List<SweepPoint> points) {
        Map<FamilyKey, List<SweepPoint>> open = new LinkedHashMap<>();
        List<List<SweepPoint>> all = new ArrayList<>();
        for (SweepPoint p : points) {
            FamilyKey key = new FamilyKey(p.modelSettings(), NetworkSimulator.withoutDramBandwidth(p.accelerator()));
            List<SweepPoint> family = open.get(key);
            if (family == null || family.size() == MAX_POINTS) {
                family = new ArrayList<>();
                open.put(key, family);
                all.add(family);
            }
            family.add(p);
        }
        return all.stream().map(BandwidthFamily::new).toList();
    }

    /**
     * Each point's outcome, in the family's order: its run, or why it cannot run. A family that cannot run as a whole
     * falls back to its points one by one, so each failing point reports its own error.
     */
    public List<PointOutcome> outcomes(Workload workload, SimulationOptions options) {
        return outcomes(workload, options, new IfmapCountMemo());
    }

    /**
     * As {@link #outcomes(Workload, SimulationOptions)}, counting IFMAP blocks through {@code memo}: a sweep worker
     * passes its own memo to every family it runs (same results, fewer recounts; not thread-safe).
     */
    public List<PointOutcome> outcomes(Workload workload, SimulationOptions options, IfmapCountMemo memo) {
        try {
            List<PointSimulation> sims = new ArrayList<>();
            for (SweepPoint p : points) {
                sims.add(new PointSimulation(workload, p, options, 1));
            }
            List<NetworkResult> results = PointSimulation.timingAcrossBandwidths(sims, memo);
            List<PointOutcome> out = new ArrayList<>();
            for (int i = 0; i < sims.size(); i++) {
                out.add(PointOutcome.ran(sims.get(i).report(results.get(i))));
            }
            return out;
        } catch (UserError e) {
            // below: every point alone, for its own message
        }
        List<PointOutcome> out = new ArrayList<>();
        for (SweepPoint p : points) {
            out.add(alone(workload, p, options));
        }
        return out;
    }

    private static PointOutcome alone(Workload workload, SweepPoint point, SimulationOptions options) {
        try {
            PointSimulation ps = new PointSimulation(workload, point, options, 1);
            return PointOutcome.ran(ps.report(ps.timing()));
        } catch (UserError e) {
            // One infeasible point (e.g. scratchpads too small) must not cost the others' results.
            return PointOutcome.failed(String.join("; ", e.problems()));
        }
    }

    /** What a family shares: the swept model fields (which decide the network) and the accelerator but bandwidth. */
    private record FamilyKey(Map<String, String> modelSettings, Accelerator accelerator) {
    }
}
