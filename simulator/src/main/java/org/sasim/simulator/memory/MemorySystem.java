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
        return result(w, planner.plan(w), spec.dramBytesPerCycle(), null);
    }

    /**
     * Simulates a layer at each of several DRAM bandwidths: element i equals {@link #simulate(MemoryWorkload)} on
     * this memory with bandwidth {@code bytesPerCycle[i]} (same scratchpads and latency). Faster than separate
     * runs: the candidate tilings, which do not depend on the bandwidth, are cut once for all of them.
     *
     * @param bytesPerCycle DRAM bandwidths (bytes/cycle), at least one, each positive (may be infinite)
     */
    public MemoryResult[] simulate(MemoryWorkload w, double[] bytesPerCycle) {
        return simulate(w, bytesPerCycle, new IfmapCountMemo());
    }

    /**
     * As {@link #simulate(MemoryWorkload, double[])}, counting the layer's IFMAP blocks through {@code memo}, which
     * keeps counts from one layer to the next (same results, fewer recounts; the memo is not thread-safe).
     */
    public MemoryResult[] simulate(MemoryWorkload w, double[] bytesPerCycle, IfmapCountMemo memo) {
        if (bytesPerCycle.length == 0) {
            throw new IllegalArgumentException("simulating at no bandwidth");
        }
        for (double bw : bytesPerCycle) {
            if (!(bw > 0)) {
                throw new IllegalArgumentException("DRAM bandwidth must be positive, got " + bw);
            }
        }
        TilingPlanner.Plan[] plans = planner.plan(w, bytesPerCycle, memo);
        MemoryResult[] out = new MemoryResult[plans.length];
        for (int i = 0; i < plans.length; i++) {
            out[i] = result(w, plans[i], bytesPerCycle[i], null);
        }
        return out;
    }

    /** Simulates a layer with the best tiling, streaming a per-tile trace to {@code trace}. */
    public MemoryResult simulate(MemoryWorkload w, Writer trace) {
        return result(w, planner.plan(w), spec.dramBytesPerCycle(), trace);
    }

    /** Simulates a layer with a given tiling (its stall-free bandwidth is then that tiling's). */
    public MemoryResult simulate(MemoryWorkload w, Tiling tiling, Writer trace) {
        return result(w, planner.plan(w, tiling), spec.dramBytesPerCycle(), trace);
    }

    private MemoryResult result(MemoryWorkload w, TilingPlanner.Plan plan, double bytesPerCycle, Writer trace) {
        TileSchedule s = plan.schedule();
        TileTimeline.Outcome o = TileTimeline.run(s, bytesPerCycle, spec.dramLatencyCycles(), trace);
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
