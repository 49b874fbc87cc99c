package org.sasim.simulator.memory;

import java.io.Writer;
import org.sasim.simulator.arch.MemorySpec;

/**
 * The memory hierarchy of the accelerator: three double-buffered scratchpads (IFMAP, filter, output/partial sums)
 * and one DRAM channel. Simulates one GEMM layer at a time, tile by tile: chooses a tiling
 * ({@link TilingPlanner}), cuts the layer ({@link TileSchedule}), runs it against the channel
 * ({@link TileTimeline}), and reports cycles, stalls, traffic and bandwidth. Deterministic: no clocks, no
 * hash-order iteration; memory bounded by the tile count, nothing per cycle.
 */
public final class MemorySystem {
    private final MemorySpec spec;
    private final TilingPlanner planner;

    public MemorySystem(MemorySpec spec) {
        this.spec = spec;
        this.planner = new TilingPlanner(spec);
    }

    public MemorySpec spec() {
        return spec;
    }

    /** Simulates a layer with the best tiling. */
    public MemoryResult simulate(MemoryWorkload w) {
        return result(w, planner.plan(w), null);
    }

    /** Simulates a layer with the best tiling, streaming a per-tile trace to {@code trace}. */
    public MemoryResult simulate(MemoryWorkload w, Writer trace) {
        return result(w, planner.plan(w), trace);
    }

    /** Simulates a layer with a given tiling (its stall-free bandwidth is then that tiling's). */
    public MemoryResult simulate(MemoryWorkload w, Tiling tiling, Writer trace) {
        return result(w, planner.plan(w, tiling), trace);
    }

    private MemoryResult result(MemoryWorkload w, TilingPlanner.Plan plan, Writer trace) {
        TileSchedule s = plan.schedule();
        TileTimeline.Outcome o = TileTimeline.run(s, spec.dramBytesPerCycle(), spec.dramLatencyCycles(), trace);
        DramTraffic dram = s.traffic;
        long latency = o.prologueCycles() + o.computeCycles() + o.stallCycles() + o.epilogueCycles();
        double avg = latency == 0 ? 0 : (double) dram.totalBytes() / latency;
        TilingReport r = s.report;
        TilingReport report = new TilingReport(r.tiling(), r.tiles(), r.foldsPerTile(), r.tileRows(), r.tileCols(),
                r.tileK(), r.ifmapTileBytes(), r.filterTileBytes(), r.ofmapTileBytes(), plan.feasible());
        return new MemoryResult(report, o.computeCycles(), o.stallCycles(), o.prologueCycles(), o.epilogueCycles(),
                dram, w.compulsoryReadBytes(), w.compulsoryWriteBytes(), s.ifmapSram, s.filterSram, s.ofmapSram,
                avg, o.peakBytesPerCycle(), plan.stallFreeBytesPerCycle());
    }
}
