package org.sasim.reports.chart;

import java.util.ArrayList;
import java.util.List;
import org.sasim.reports.run.LayerStats;
import org.sasim.simulator.arch.Accelerator;

/**
 * The roofline of an accelerator with its layers placed on it (log-log). x is arithmetic intensity (MACs per DRAM
 * byte), y is achieved throughput (MACs per cycle). The compute roof is the PE count (one MAC per PE per cycle); the
 * bandwidth roof is {@code bytes/cycle x intensity}; the two meet at the ridge point {@code PEs / (bytes/cycle)}. A
 * layer left of the ridge can at best reach the bandwidth roof: it is bandwidth bound.
 */
public final class Roofline {
    private Roofline() {
    }

    /** Ridge point: intensity (MACs/byte) where the bandwidth roof reaches the compute roof. */
    public static double ridge(Accelerator a) {
        return a.array().pes() / a.memory().dramBytesPerCycle();
    }

    /** Attainable MACs/cycle at {@code intensity} MACs/byte: min(PEs, bandwidth x intensity). */
    public static double attainable(Accelerator a, double intensity) {
        return Math.min(a.array().pes(), a.memory().dramBytesPerCycle() * intensity);
    }

    /**
     * The roofline chart. Layers with no MACs or no DRAM traffic have no place on a log-log roofline and are left
     * out (and so absent from the CSV too). Convolutions and linear layers are separate series because they sit in
     * very different places.
     */
    public static XyChart chart(String title, Accelerator a, List<LayerStats> layers) {
        List<XyPoint> conv = new ArrayList<>();
        List<XyPoint> other = new ArrayList<>();
        double minX = Double.MAX_VALUE;
        double maxX = 0;
        for (LayerStats l : layers) {
            if (l.macs() == 0 || l.dramBytes() == 0 || l.totalCycles() == 0) {
                continue;
            }
            XyPoint p = new XyPoint(l.name(), l.macsPerDramByte(), l.macsPerCycle());
            (l.kind().equals("conv2d") ? conv : other).add(p);
            minX = Math.min(minX, p.x());
            maxX = Math.max(maxX, p.x());
        }
        double pes = a.array().pes();
        double bw = a.memory().dramBytesPerCycle();
        boolean finiteBw = Double.isFinite(bw);
        double ridge = finiteBw ? ridge(a) : 1;
        if (maxX == 0) {
            minX = ridge / 10;
            maxX = ridge * 10;
        }
        // The roofs span the layers and the ridge, with half a decade of margin on each side.
        double lo = Math.min(minX, ridge) / 3;
        double hi = Math.max(maxX, ridge) * 3;
        List<XySeries> series = new ArrayList<>();
        series.add(new XySeries(String.format("compute roof (%d x %d = %,d MACs/cycle)", a.array().rows(),
                a.array().cols(), (long) pes), XyStyle.LINE,
                List.of(new XyPoint("compute_roof", finiteBw ? ridge : lo, pes), new XyPoint("compute_roof", hi,
                        pes))));
        if (finiteBw) {
            series.add(new XySeries(String.format("DRAM roof (%s bytes/cycle)", trim(bw)), XyStyle.LINE,
                    List.of(new XyPoint("dram_roof", lo, bw * lo), new XyPoint("dram_roof", ridge, pes))));
        }
        if (!conv.isEmpty()) {
            series.add(new XySeries("conv layers", XyStyle.POINTS, conv));
        }
        if (!other.isEmpty()) {
            series.add(new XySeries("linear layers", XyStyle.POINTS, other));
        }
        return new XyChart(title, "arithmetic intensity (MACs / DRAM byte)", "throughput (MACs / cycle)",
                "macs_per_dram_byte", "macs_per_cycle", true, true, series);
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
