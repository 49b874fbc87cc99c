package org.sasim.workloads.scalesim;

import java.util.List;
import org.sasim.workloads.output.ReportFile;

/**
 * Writes SCALE-Sim v2's three report files with its exact headers and number formatting ({@code ", "} separators,
 * a trailing comma on every line, Python float notation), so that scripts written for SCALE-Sim read them unchanged.
 */
public final class ScaleSimReports {
    /** Header of {@code COMPUTE_REPORT.csv}. */
    public static final String COMPUTE_HEADER = "LayerID, Total Cycles, Stall Cycles, Overall Util %, "
            + "Mapping Efficiency %, Compute Util %,";
    /** Header of {@code BANDWIDTH_REPORT.csv}. */
    public static final String BANDWIDTH_HEADER = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, "
            + "Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, Avg FILTER DRAM BW, Avg OFMAP DRAM BW,";
    /** Header of {@code DETAILED_ACCESS_REPORT.csv}. */
    public static final String DETAILED_HEADER = "LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, "
            + "SRAM IFMAP Reads, SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, "
            + "SRAM OFMAP Start Cycle, SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, "
            + "DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, DRAM Filter Start Cycle, DRAM Filter Stop Cycle, "
            + "DRAM Filter Reads, DRAM OFMAP Start Cycle, DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,";

    private ScaleSimReports() {
    }

    /** The three files for the given layers. */
    public static List<ReportFile> files(List<ScaleSimLayerReport> layers) {
        return List.of(ReportFile.text("COMPUTE_REPORT.csv", compute(layers)),
                ReportFile.text("BANDWIDTH_REPORT.csv", bandwidth(layers)),
                ReportFile.text("DETAILED_ACCESS_REPORT.csv", detailed(layers)));
    }

    /** {@code COMPUTE_REPORT.csv}. */
    public static String compute(List<ScaleSimLayerReport> layers) {
        StringBuilder sb = new StringBuilder(COMPUTE_HEADER).append('\n');
        for (ScaleSimLayerReport l : layers) {
            row(sb, l.layerId(), l.totalCycles(), l.stallCycles(), f(l.overallUtil()), f(l.mappingEfficiency()),
                    f(l.computeUtil()));
        }
        return sb.toString();
    }

    /**
     * {@code BANDWIDTH_REPORT.csv}: SRAM bandwidth is words over the layer's total cycles, DRAM bandwidth words over
     * the access window (stop - start), as SCALE-Sim computes them.
     */
    public static String bandwidth(List<ScaleSimLayerReport> layers) {
        StringBuilder sb = new StringBuilder(BANDWIDTH_HEADER).append('\n');
        for (ScaleSimLayerReport l : layers) {
            double c = l.totalCycles();
            row(sb, l.layerId(), f(l.sramIfmap().words() / c), f(l.sramFilter().words() / c),
                    f(l.sramOfmap().words() / c), f(l.dramIfmap().perCycleOverWindow()),
                    f(l.dramFilter().perCycleOverWindow()), f(l.dramOfmap().perCycleOverWindow()));
        }
        return sb.toString();
    }

    /** {@code DETAILED_ACCESS_REPORT.csv}. */
    public static String detailed(List<ScaleSimLayerReport> layers) {
        StringBuilder sb = new StringBuilder(DETAILED_HEADER).append('\n');
        for (ScaleSimLayerReport l : layers) {
            Object[] cells = new Object[19];
            cells[0] = l.layerId();
            int i = 1;
            for (ScaleSimLayerReport.Access a : List.of(l.sramIfmap(), l.sramFilter(), l.sramOfmap(), l.dramIfmap(),
                    l.dramFilter(), l.dramOfmap())) {
                cells[i++] = f(a.startCycle());
                cells[i++] = f(a.stopCycle());
                cells[i++] = a.words();
            }
            row(sb, cells);
        }
        return sb.toString();
    }

    private static String f(double d) {
        return PythonFloat.repr(d);
    }

    private static void row(StringBuilder sb, Object... cells) {
        for (int i = 0; i < cells.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(cells[i]);
        }
        sb.append(",\n");
    }
}
