package org.sasim.simulator.memory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Arrays;
import java.util.Locale;

/**
 * Runs a {@link TileSchedule} against a DRAM channel of given bandwidth and latency, tile by tile (never cycle by
 * cycle).
 *
 * <p>Cycle 0 is when the array starts the first tile: the first blocks (the prologue) were loaded before it and
 * their load time is reported apart as prologue cycles. Tile t starts at
 * {@code max(end of tile t-1, completion of every transfer it waits for)}; the difference to the end of tile t-1
 * is a stall. Transfers start at {@code max(channel free, eligibility)} in the schedule's fixed order. Output
 * written back after the last tile ends is reported as epilogue cycles. Hence, for a layer:
 * {@code total = compute + stall}, and its cold-start latency is {@code prologue + total + epilogue}.
 */
final class TileTimeline {

    /**
     * Results of one run.
     *
     * @param computeCycles  cycles the array computes
     * @param stallCycles    cycles the array waits between tiles
     * @param prologueCycles cycles to load the first tile's blocks before cycle 0
     * @param epilogueCycles cycles of write-back after the last tile ends
     * @param peakBytesPerCycle highest DRAM bandwidth over any tile window (and the prologue and epilogue)
     * @param dramBusyCycles cycles the channel transfers (prologue included)
     */
    record Outcome(long computeCycles, long stallCycles, long prologueCycles, long epilogueCycles,
                   double peakBytesPerCycle, long dramBusyCycles) {
    }

    private TileTimeline() {
    }

    /** Stall cycles only (no statistics); used by searches. */
    static long stalls(TileSchedule s, double bytesPerCycle, int latencyCycles) {
        return stalls(s, bytesPerCycle, latencyCycles, Long.MAX_VALUE);
    }

    /**
     * Stall cycles, or some number above {@code cap} as soon as they exceed it (a planner comparing against a
     * best-so-far needs no more).
     */
    static long stalls(TileSchedule s, double bytesPerCycle, int latencyCycles, long cap) {
        return stalls(s, bytesPerCycle, latencyCycles, cap, new StallBuffers());
    }

    /**
     * Working arrays of {@link #stalls} kept from one count to the next: a planner counts stalls of dozens of
     * candidates at several bandwidths, and fresh arrays sized by the tile and transfer counts cost more zeroing
     * than a capped count, which stops early, does work. Not shared between threads.
     */
    static final class StallBuffers {
        private long[] end = new long[0];
        /** All zero between counts: each count clears the entries it wrote. */
        private long[] ready = new long[0];
        private long[] transferEnd = new long[0];

        private void fit(int tiles, int transfers) {
            if (end.length < tiles) {
                end = new long[tiles];
                ready = new long[tiles];
            }
            if (transferEnd.length < transfers) {
                transferEnd = new long[transfers];
            }
        }
    }

    /** As {@link #stalls(TileSchedule, double, int, long)}, in {@code buffers}. */
    static long stalls(TileSchedule s, double bytesPerCycle, int latencyCycles, long cap, StallBuffers buffers) {
        buffers.fit(s.tiles, s.transfers);
        // every entry of end and tEnd is written before it is read; ready starts all zero
        long[] end = buffers.end;
        long[] ready = buffers.ready;
        long[] tEnd = buffers.transferEnd;
        int maxGate = -1;
        long free = 0;
        long prev = 0;
        long stall = 0;
        int q = 0;
        for (int t = 0; t < s.tiles; t++) {
            while (q < s.transfers && s.key[q] <= t - 1) {
                long elig = s.key[q] < 0 ? 0 : end[s.key[q]];
                if (s.after[q] >= 0) {
                    elig = Math.max(elig, tEnd[s.after[q]]);
                }
                long e = elig;
                if (s.bytes[q] > 0) {
                    e = Math.max(free, elig) + DramChannel.duration(s.bytes[q], bytesPerCycle, latencyCycles);
                    free = e;
                }
                tEnd[q] = e;
                int g = s.gate[q];
                if (g >= 0 && e > ready[g]) {
                    ready[g] = e;
                    maxGate = Math.max(maxGate, g);
                }
                q++;
            }
            long start = t == 0 ? 0 : Math.max(prev, ready[t]);
            stall += start - prev;
            if (stall > cap) {
                break;
            }
            end[t] = start + s.compute[t];
            prev = end[t];
        }
        Arrays.fill(ready, 0, maxGate + 1, 0L);
        return stall;
    }

    /**
     * Whether a schedule runs without a single stall at a given bandwidth, answered without running the tiles: if no
     * tile has stalled so far, every tile starts where the previous one ended (the prefix sums of the compute
     * cycles), so every transfer's eligibility and every gated tile's start are fixed numbers and only the serial
     * channel has to be played, stopping at the first transfer that completes after the start of the tile it gates.
     * By induction over tiles this gives the same answer as {@code stalls(s, bandwidth, latency) == 0}; built once
     * per schedule, each probe is one pass over the non-empty transfers (a bisection probes some 60 bandwidths).
     */
    static final class NoStallCheck {
        private final long[] bytes;
        private final long[] eligible;
        private final long[] deadline;
        private final int[] after;
        /** Completion cycle of each transfer in one probe (written before it is read; one array for all probes). */
        private final long[] end;
        private final int transfers;

        NoStallCheck(TileSchedule s) {
            long[] start = new long[s.tiles + 1];
            for (int t = 0; t < s.tiles; t++) {
                start[t + 1] = start[t] + s.compute[t];
            }
            // compact to the transfers the stall loop serves (key <= tiles - 2); renumber 'after' links
            int n = 0;
            int[] index = new int[s.transfers];
            bytes = new long[s.transfers];
            eligible = new long[s.transfers];
            deadline = new long[s.transfers];
            after = new int[s.transfers];
            end = new long[s.transfers];
            for (int q = 0; q < s.transfers; q++) {
                if (s.key[q] > s.tiles - 2) {
                    index[q] = -1;
                    continue;
                }
                index[q] = n;
                bytes[n] = s.bytes[q];
                // end of tile key without stalls; tile 0 never waits, so gate 0 sets no deadline
                eligible[n] = s.key[q] < 0 ? 0 : start[s.key[q] + 1];
                deadline[n] = s.gate[q] > 0 ? start[s.gate[q]] : Long.MAX_VALUE;
                after[n] = s.after[q] < 0 ? -1 : index[s.after[q]];
                n++;
            }
            transfers = n;
        }

        /** True when {@code stalls(s, bytesPerCycle, latencyCycles) == 0}. */
        boolean stallFree(double bytesPerCycle, int latencyCycles) {
            long free = 0;
            for (int q = 0; q < transfers; q++) {
                long elig = eligible[q];
                if (after[q] >= 0) {
                    elig = Math.max(elig, end[after[q]]);
                }
                long e = elig;
                if (bytes[q] > 0) {
                    e = Math.max(free, elig) + DramChannel.duration(bytes[q], bytesPerCycle, latencyCycles);
                    free = e;
                }
                if (e > deadline[q]) {
                    return false;
                }
                end[q] = e;
            }
            return true;
        }
    }

    /** Full run with statistics; streams one line per tile and per transfer to {@code trace} when not null. */
    static Outcome run(TileSchedule s, double bytesPerCycle, int latencyCycles, Writer trace) {
        DramChannel prologue = new DramChannel(bytesPerCycle, latencyCycles, 0, false);
        long pro = prologue.duration(s.prologueIfmapBytes) + prologue.duration(s.prologueFilterBytes);
        DramChannel ch = new DramChannel(bytesPerCycle, latencyCycles, -pro, true);
        long pIf = ch.transfer(Operand.IFMAP, true, s.prologueIfmapBytes, -pro);
        ch.transfer(Operand.FILTER, true, s.prologueFilterBytes, pIf);
        if (trace != null) {
            line(trace, String.format(Locale.ROOT, "prologue,%d,ifmap_bytes,%d,filter_bytes,%d", pro,
                    s.prologueIfmapBytes, s.prologueFilterBytes));
        }
        long[] end = new long[s.tiles];
        long[] ready = new long[s.tiles];
        long[] tEnd = new long[s.transfers];
        Operand[] operands = Operand.values(); // once per run: values() copies the array
        long[] winFrom = new long[s.tiles + 2];
        long[] winTo = new long[s.tiles + 2];
        int windows = 0;
        if (pro > 0) {
            winFrom[windows] = -pro;
            winTo[windows++] = 0;
        }
        long prev = 0;
        long stall = 0;
        int q = 0;
        for (int t = 0; t < s.tiles; t++) {
            while (q < s.transfers && s.key[q] <= t - 1) {
                q = serve(s, q, ch, end, ready, tEnd, operands, trace);
            }
            long start = t == 0 ? 0 : Math.max(prev, ready[t]);
            stall += start - prev;
            end[t] = start + s.compute[t];
            winFrom[windows] = prev;
            winTo[windows++] = end[t];
            if (trace != null) {
                line(trace, String.format(Locale.ROOT, "tile,%d,start,%d,end,%d,stall,%d", t, start, end[t],
                        start - prev));
            }
            prev = end[t];
        }
        while (q < s.transfers) {
            q = serve(s, q, ch, end, ready, tEnd, operands, trace);
        }
        long epilogue = Math.max(0, ch.freeAt() - prev);
        if (epilogue > 0) {
            winFrom[windows] = prev;
            winTo[windows++] = prev + epilogue;
        }
        double peak = ch.peakBytesPerCycle(winFrom, winTo, windows);
        long compute = s.computeCycles;
        return new Outcome(compute, stall, pro, epilogue, peak, ch.busyCycles());
    }

    private static int serve(TileSchedule s, int q, DramChannel ch, long[] end, long[] ready, long[] tEnd,
                             Operand[] operands, Writer trace) {
        long elig = s.key[q] < 0 ? 0 : end[s.key[q]];
        if (s.after[q] >= 0) {
            elig = Math.max(elig, tEnd[s.after[q]]);
        }
        Operand o = operands[s.op[q]];
        long startFree = Math.max(ch.freeAt(), elig);
        long e = ch.transfer(o, s.read[q], s.bytes[q], elig);
        tEnd[q] = e;
        if (s.gate[q] >= 0 && e > ready[s.gate[q]]) {
            ready[s.gate[q]] = e;
        }
        if (trace != null && s.bytes[q] > 0) {
            line(trace, String.format(Locale.ROOT, "dram,%s,%s,%d,start,%d,end,%d,for_tile,%d",
                    o.name().toLowerCase(Locale.ROOT), s.read[q] ? "read" : "write", s.bytes[q], startFree, e,
                    s.gate[q]));
        }
        return q + 1;
    }

    private static void line(Writer w, String s) {
        try {
            w.write(s);
            w.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException("writing memory trace", e);
        }
    }
}
