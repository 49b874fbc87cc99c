package org.sasim.simulator.memory;

import java.util.ArrayList;
import java.util.List;
import org.sasim.simulator.arch.MemorySpec;

/**
 * The executable definition of {@link TilingPlanner}'s answer, kept in its original straightforward form: build
 * every candidate schedule from scratch, count its stalls by running the whole tile timeline, and find each
 * candidate's stall-free bandwidth by a bisection whose every probe runs the whole timeline again. The production
 * planner must return exactly the same schedule, stalls, stall-free bandwidth and feasible count.
 */
final class ExhaustiveTilingPlanner {
    private final MemorySpec memory;

    ExhaustiveTilingPlanner(MemorySpec memory) {
        this.memory = memory;
    }

    TilingPlanner.Plan plan(MemoryWorkload w) {
        List<Tiling> preferred = new ArrayList<>();
        List<Tiling> huge = new ArrayList<>();
        for (Tiling t : TilingPlanner.candidates(w.mapping())) {
            (TileSchedule.tileCount(w.mapping(), t) <= TileSchedule.PREFERRED_MAX_TILES ? preferred : huge).add(t);
        }
        TilingPlanner.Plan p = plan(w, preferred);
        return p != null ? p : plan(w, huge);
    }

    private TilingPlanner.Plan plan(MemoryWorkload w, List<Tiling> tilings) {
        double bw = memory.dramBytesPerCycle();
        int lat = memory.dramLatencyCycles();
        TileSchedule best = null;
        long bestStall = 0;
        double stallFree = Double.POSITIVE_INFINITY;
        int feasible = 0;
        for (Tiling t : tilings) {
            TileSchedule s = TileSchedule.build(w, memory, t);
            if (s == null) {
                continue;
            }
            feasible++;
            long stall = TileTimeline.stalls(s, bw, lat);
            if (best == null || stall < bestStall
                    || stall == bestStall && (s.traffic.totalBytes() < best.traffic.totalBytes()
                    || s.traffic.totalBytes() == best.traffic.totalBytes() && s.tiles < best.tiles)) {
                best = s;
                bestStall = stall;
            }
            if (Double.isInfinite(stallFree) || TileTimeline.stalls(s, stallFree, lat) == 0) {
                stallFree = Math.min(stallFree, stallFree(s, lat, stallFree));
            }
        }
        return best == null ? null : new TilingPlanner.Plan(best, bestStall, stallFree, feasible);
    }

    static double stallFree(TileSchedule s, int lat, double upper) {
        long maxBytes = 0;
        boolean gating = false;
        for (int q = 0; q < s.transfers; q++) {
            if (s.bytes[q] > 0) {
                maxBytes = Math.max(maxBytes, s.bytes[q]);
                gating |= s.gate[q] >= 0;
            }
        }
        if (!gating) {
            return 0;
        }
        if (TileTimeline.stalls(s, Double.POSITIVE_INFINITY, lat) > 0) {
            return Double.POSITIVE_INFINITY;
        }
        double hi = Math.min((double) maxBytes, upper);
        if (TileTimeline.stalls(s, hi, lat) > 0) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = hi * 0x1p-30;
        if (TileTimeline.stalls(s, lo, lat) == 0) {
            return lo;
        }
        long loBits = Double.doubleToRawLongBits(lo);
        long hiBits = Double.doubleToRawLongBits(hi);
        while (hiBits - loBits > 1) {
            long mid = loBits + (hiBits - loBits) / 2;
            if (TileTimeline.stalls(s, Double.longBitsToDouble(mid), lat) == 0) {
                hiBits = mid;
            } else {
                loBits = mid;
            }
        }
        return Double.longBitsToDouble(hiBits);
    }
}
