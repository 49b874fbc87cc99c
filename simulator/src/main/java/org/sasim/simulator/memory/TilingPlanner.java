package org.sasim.simulator.memory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.mapping.ArrayMapping;

/**
 * Chooses a layer's tiling and finds its stall-free bandwidth.
 *
 * <p>Candidates are a fixed list that depends only on the layer's mapping: for each level of the fold nest
 * (groups, column folds, row folds, stream chunks) the spans 1, 2, 4, ... (whole groups also: all of them; stream
 * chunks: T/2, T/4, ... down to 1 element). Those whose blocks fit half of every scratchpad are feasible. The
 * choice minimises, in order: stall cycles at the given bandwidth, DRAM bytes, tile count, list position.
 * Because the list does not depend on the scratchpad sizes and a larger scratchpad keeps every feasible
 * candidate feasible, growing a scratchpad can never increase stalls; because each candidate's stalls fall
 * monotonically with bandwidth, neither can raising the bandwidth. When everything fits, the whole layer is one
 * tile with compulsory traffic and no stalls, and is chosen.
 *
 * <p>Candidates with more than {@link TileSchedule#PREFERRED_MAX_TILES} tiles are only tried when no other one
 * fits (a bound on run time for huge layers on tiny arrays).
 *
 * <p>Speed without changing the answer (the test suite compares every field with the straightforward exhaustive
 * planner, {@code ExhaustiveTilingPlanner}): IFMAP block counts are memoised across the candidates of one plan;
 * a candidate's stall count stops once it exceeds the best so far; zero-stall probes of the bandwidth bisection
 * play only the DRAM channel against the stall-free tile start times ({@link TileTimeline.NoStallCheck}); and a
 * candidate's stalls at the actual bandwidth decide, by monotonicity, whether it can lower the stall-free minimum.
 */
public final class TilingPlanner {
    private final MemorySpec memory;

    public TilingPlanner(MemorySpec memory) {
        this.memory = memory;
    }

    /** The candidate tilings of a mapping, in tie-break order. */
    public static List<Tiling> candidates(ArrayMapping map) {
        List<Tiling> out = new ArrayList<>();
        int groups = map.groups();
        out.add(new Tiling(TileLevel.GROUPS, groups));
        for (int s = Integer.highestOneBit(Math.max(1, groups - 1)); s >= 1; s >>= 1) {
            if (s < groups) {
                out.add(new Tiling(TileLevel.GROUPS, s));
            }
        }
        addPowers(out, TileLevel.COLUMNS, map.colFolds());
        addPowers(out, TileLevel.ROWS, map.rowFolds());
        int t = map.streamed();
        int last = t;
        for (long chunks = 2; ; chunks *= 2) {
            int len = (int) ((t + chunks - 1) / chunks);
            if (len < last) {
                out.add(new Tiling(TileLevel.STREAM, len));
                last = len;
            }
            if (len == 1) {
                break;
            }
        }
        return out;
    }

    private static void addPowers(List<Tiling> out, TileLevel level, int max) {
        if (max <= 1) {
            return;
        }
        for (int s = Integer.highestOneBit(max - 1); s >= 1; s >>= 1) {
            out.add(new Tiling(level, s));
        }
    }

    /** The chosen schedule and the stall-free bandwidth over all feasible candidates. */
    record Plan(TileSchedule schedule, long stalls, double stallFreeBytesPerCycle, int feasible) {
    }

    /** Plans over all candidates at the memory's bandwidth. */
    Plan plan(MemoryWorkload w) {
        return plan(w, new double[] {memory.dramBytesPerCycle()})[0];
    }

    /**
     * Plans over all candidates at each of several DRAM bandwidths: element i equals the plan of a planner whose
     * memory has bandwidth {@code bytesPerCycle[i]}. Each candidate schedule is built once for all of them (cutting
     * the layer does not depend on the bandwidth) and the stall-free bandwidth, which depends on none of them, is
     * searched once.
     *
     * @param bytesPerCycle DRAM bandwidths (bytes/cycle), at least one
     * @throws IllegalArgumentException when no candidate fits the scratchpads (whatever the bandwidth)
     */
    Plan[] plan(MemoryWorkload w, double[] bytesPerCycle) {
        return plan(w, bytesPerCycle, new IfmapCountMemo());
    }

    /** As {@link #plan(MemoryWorkload, double[])}, counting IFMAP blocks through {@code memo}. */
    Plan[] plan(MemoryWorkload w, double[] bytesPerCycle, IfmapCountMemo memo) {
        List<Tiling> all = candidates(w.mapping());
        List<Tiling> preferred = new ArrayList<>();
        List<Tiling> huge = new ArrayList<>();
        for (Tiling t : all) {
            (TileSchedule.tileCount(w.mapping(), t) <= TileSchedule.PREFERRED_MAX_TILES ? preferred : huge).add(t);
        }
        IfmapBlockCounts counts = memo.counts(w.ifmap());
        Plan[] p = plan(w, preferred, counts, bytesPerCycle);
        if (p == null) {
            p = plan(w, huge, counts, bytesPerCycle);
        }
        if (p == null) {
            throw new IllegalArgumentException(tooSmall(w));
        }
        return p;
    }

    /** Plans with one given tiling. */
    Plan plan(MemoryWorkload w, Tiling fixed) {
        Plan[] p = plan(w, List.of(fixed), new IfmapBlockCounts(w.ifmap()),
                new double[] {memory.dramBytesPerCycle()});
        if (p == null) {
            throw new IllegalArgumentException("tiling " + fixed + " does not fit half of each scratchpad (ifmap "
                    + memory.ifmapSramBytes() + " B, filter " + memory.filterSramBytes() + " B, ofmap "
                    + memory.ofmapSramBytes() + " B)");
        }
        return p[0];
    }

    /**
     * The choice at each bandwidth and the stall-free bandwidth over {@code tilings}, candidate by candidate in list
     * order; null when none fits. A candidate's own stall-free bandwidth is only searched when it runs stall-free
     * at the best one so far (else its own is higher and cannot lower the minimum).
     */
    private Plan[] plan(MemoryWorkload w, List<Tiling> tilings, IfmapBlockCounts counts, double[] bytesPerCycle) {
        int bws = bytesPerCycle.length;
        int lat = memory.dramLatencyCycles();
        TileSchedule[] best = new TileSchedule[bws];
        long[] bestStall = new long[bws];
        long[] stall = new long[bws];
        double stallFree = Double.POSITIVE_INFINITY;
        int feasible = 0;
        TileTimeline.StallBuffers buffers = new TileTimeline.StallBuffers();
        int[] descending = IntStream.range(0, bws).boxed()
                .sorted((a, b) -> Double.compare(bytesPerCycle[b], bytesPerCycle[a])).mapToInt(Integer::intValue)
                .toArray();
        for (Tiling t : tilings) {
            TileSchedule s = TileSchedule.build(w, memory, t, counts);
            if (s == null) {
                continue;
            }
            feasible++;
            // from the highest bandwidth down: what stalls at a higher bandwidth stalls at least as much at a
            // lower one, so a count (or a lower bound: a capped count) above a lower bandwidth's best settles it
            long atLeast = 0;
            for (int i : descending) {
                long cap = best[i] == null ? Long.MAX_VALUE : bestStall[i];
                // exact when it can still win (at most the best so far), else just known to be larger
                stall[i] = atLeast > cap ? atLeast : TileTimeline.stalls(s, bytesPerCycle[i], lat, cap, buffers);
                atLeast = Math.max(atLeast, stall[i]);
                if (best[i] == null || stall[i] < bestStall[i]
                        || stall[i] == bestStall[i] && (s.traffic.totalBytes() < best[i].traffic.totalBytes()
                        || s.traffic.totalBytes() == best[i].traffic.totalBytes() && s.tiles < best[i].tiles)) {
                    best[i] = s;
                    bestStall[i] = stall[i];
                }
            }
            // is this candidate stall-free at the best stall-free bandwidth so far? Stalls never rise with
            // bandwidth, so its stalls at a planned bandwidth answer when that lies on the right side
            Boolean known = Double.isInfinite(stallFree) ? Boolean.TRUE : null;
            for (int i = 0; i < bws && known == null; i++) {
                if (stall[i] == 0 && stallFree >= bytesPerCycle[i]) {
                    known = Boolean.TRUE;
                } else if (stall[i] > 0 && stallFree <= bytesPerCycle[i]) {
                    known = Boolean.FALSE;
                }
            }
            TileTimeline.NoStallCheck check = null;
            boolean search;
            if (known != null) {
                search = known;
            } else {
                check = new TileTimeline.NoStallCheck(s);
                search = check.stallFree(stallFree, lat);
            }
            if (search) {
                if (check == null) {
                    check = new TileTimeline.NoStallCheck(s);
                }
                stallFree = Math.min(stallFree, stallFree(s, check, lat, stallFree));
            }
        }
        if (feasible == 0) {
            return null;
        }
        Plan[] plans = new Plan[bws];
        for (int i = 0; i < bws; i++) {
            plans[i] = new Plan(best[i], bestStall[i], stallFree, feasible);
        }
        return plans;
    }

    /**
     * Smallest bandwidth (bytes/cycle) giving zero stalls for one schedule, exact over doubles: stalls fall
     * monotonically with bandwidth, so a bisection over the ordered bit patterns of positive doubles ends on the
     * smallest double that stalls nothing. Returns 0 when no transfer ever delays a tile, infinity when even an
     * infinitely fast channel stalls (latency) or every finite one does (each transfer costs at least
     * latency + 1 cycles). When even {@code upper * 2^-30} is stall-free, returns that (a bandwidth so low that it
     * is zero for every practical purpose).
     *
     * @param check the schedule's zero-stall test
     * @param upper a bandwidth known to be stall-free for another candidate, or infinity
     */
    static double stallFree(TileSchedule s, TileTimeline.NoStallCheck check, int lat, double upper) {
        long maxBytes = 0;
        boolean gating = false;
        for (int q = 0; q < s.transfers; q++) {
            if (s.bytes[q] > 0) {
                maxBytes = Math.max(maxBytes, s.bytes[q]);
                gating |= s.gate[q] >= 0;
            }
        }
        if (!gating) {
            // no transfer delays any tile (e.g. one tile per layer): every bandwidth is stall-free
            return 0;
        }
        if (!check.stallFree(Double.POSITIVE_INFINITY, lat)) {
            return Double.POSITIVE_INFINITY;
        }
        double hi = Math.min((double) maxBytes, upper);
        if (!check.stallFree(hi, lat)) {
            return Double.POSITIVE_INFINITY;
        }
        double lo = hi * 0x1p-30;
        if (check.stallFree(lo, lat)) {
            return lo;
        }
        long loBits = Double.doubleToRawLongBits(lo);
        long hiBits = Double.doubleToRawLongBits(hi);
        while (hiBits - loBits > 1) {
            long mid = loBits + (hiBits - loBits) / 2;
            if (check.stallFree(Double.longBitsToDouble(mid), lat)) {
                hiBits = mid;
            } else {
                loBits = mid;
            }
        }
        return Double.longBitsToDouble(hiBits);
    }

    private String tooSmall(MemoryWorkload w) {
        ArrayMapping m = w.mapping();
        MemorySpec huge = new MemorySpec(Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, Long.MAX_VALUE / 4, 1, 0);
        TileSchedule finest = TileSchedule.build(w, huge, new Tiling(TileLevel.STREAM, 1));
        String need = finest == null ? "" : " (the finest tiling needs halves of at least ifmap "
                + finest.report.ifmapTileBytes() + " B, filter " + finest.report.filterTileBytes() + " B, ofmap "
                + finest.report.ofmapTileBytes() + " B)";
        return "scratchpads (ifmap " + memory.ifmapSramBytes() + " B, filter " + memory.filterSramBytes()
                + " B, ofmap " + memory.ofmapSramBytes() + " B, half of each usable per tile) are too small for a "
                + m.arrayRows() + "x" + m.arrayCols() + " " + m.dataflow() + " layer" + need;
    }
}
