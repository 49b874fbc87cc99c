package org.sasim.simulator.network;

import java.util.Optional;
import org.sasim.models.graph.Node;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.compute.ArrayResult;
import org.sasim.simulator.memory.DramChannel;
import org.sasim.simulator.memory.DramTraffic;
import org.sasim.simulator.memory.MemoryResult;
import org.sasim.simulator.memory.ScratchpadTraffic;
import org.sasim.simulator.vector.VectorOpCost;

/**
 * Turns array, memory and vector-unit results into {@link LayerResult}s.
 *
 * <p>A vector-unit layer streams: its input is read from DRAM (unless kept on chip) and its output written back
 * (unless kept on chip) while the lanes work, double-buffered, so it takes
 * {@code max(vector cycles, DRAM cycles)}; the excess over the vector cycles is its stall. DRAM cycles are those of
 * one read transfer and one write transfer on the channel. Flatten and dropout move nothing.
 */
final class LayerCosting {
    private final Accelerator acc;

    LayerCosting(Accelerator acc) {
        this.acc = acc;
    }

    LayerResult arrayLayer(Node node, ArrayResult a, MemoryResult m) {
        double clock = acc.clockGHz();
        long bytes = m.dram().totalBytes();
        return new LayerResult(node.name(), node.layer().kind(), true, a.macs(), m.computeCycles(), 0,
                m.stallCycles(), m.prologueCycles(), m.epilogueCycles(), 100 * a.utilization(),
                100 * a.mappingEfficiency(), m.ifmapSram(), m.filterSram(), m.ofmapSram(), m.dram(),
                m.averageDramBytesPerCycle(), m.peakDramBytesPerCycle(), m.averageDramBytesPerCycle() * clock,
                m.peakDramBytesPerCycle() * clock, bytes == 0 ? 0 : (double) a.macs() / bytes,
                m.stallFreeBytesPerCycle(), Optional.of(m.tiling()));
    }

    LayerResult vectorLayer(Node node, VectorOpCost c, boolean inOnChip, boolean outOnChip) {
        int b = acc.datatype().operandBytes();
        long read = c.isFree() || inOnChip ? 0 : c.inputElements() * b;
        long written = c.isFree() || outOnChip ? 0 : c.outputElements() * b;
        DramChannel ch = new DramChannel(acc.memory().dramBytesPerCycle(), acc.memory().dramLatencyCycles(), 0,
                false);
        long dramCycles = ch.duration(read) + ch.duration(written);
        long stall = Math.max(0, dramCycles - c.cycles());
        long span = c.cycles() + stall;
        double avg = span == 0 ? 0 : (double) (read + written) / span;
        double peak = dramCycles == 0 ? 0 : (double) (read + written) / dramCycles;
        // stall-free: all bytes within the vector cycles (each transfer at least latency + 1 cycle)
        double stallFree = read + written == 0 ? 0
                : c.cycles() < (read > 0 ? acc.memory().dramLatencyCycles() + 1 : 0)
                        + (written > 0 ? acc.memory().dramLatencyCycles() + 1 : 0)
                ? Double.POSITIVE_INFINITY : stallFreeVector(read, written, c.cycles());
        ScratchpadTraffic in = new ScratchpadTraffic(acc.memory().ifmapSramBytes(), c.sramReadsWords(),
                read / b, read, 0, 0);
        ScratchpadTraffic none = new ScratchpadTraffic(acc.memory().filterSramBytes(), 0, 0, 0, 0, 0);
        ScratchpadTraffic out = new ScratchpadTraffic(acc.memory().ofmapSramBytes(), written / b,
                c.sramWritesWords(), 0, written, 0);
        DramTraffic dram = new DramTraffic(read, 0, 0, written, 0);
        double clock = acc.clockGHz();
        return new LayerResult(node.name(), node.layer().kind(), false, 0, 0, c.cycles(), stall, 0, 0, 0, 0, in,
                none, out, dram, avg, peak, avg * clock, peak * clock, 0, stallFree, Optional.empty());
    }

    /** Smallest bandwidth with ceil(read/B) + ceil(written/B) + latencies within {@code cycles}, by bisection. */
    private double stallFreeVector(long read, long written, long cycles) {
        int lat = acc.memory().dramLatencyCycles();
        double hi = Math.max(read, written);
        double lo = hi * 0x1p-30;
        long loBits = Double.doubleToRawLongBits(lo);
        long hiBits = Double.doubleToRawLongBits(hi);
        while (hiBits - loBits > 1) {
            long mid = loBits + (hiBits - loBits) / 2;
            // ~60 probes per layer: the static form allocates no channel (this was most of a run's layer costing)
            double b = Double.longBitsToDouble(mid);
            if (DramChannel.duration(read, b, lat) + DramChannel.duration(written, b, lat) <= cycles) {
                hiBits = mid;
            } else {
                loBits = mid;
            }
        }
        return Double.longBitsToDouble(hiBits);
    }

}
