package org.sasim.reports;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.RunCharts;
import org.sasim.reports.html.HtmlReport;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.ResultTables;
import org.sasim.reports.table.CsvFormat;
import org.sasim.reports.table.JsonFormat;

/**
 * Writes everything about one simulated network into a directory: {@code layers.csv}, {@code layers.json},
 * {@code summary.json}, the charts under {@code charts/} (PNG, SVG, CSV each) and the self-contained
 * {@code report.html}. Every file is written atomically.
 */
public final class ReportWriter {
    /** Captions of {@link RunCharts#NAMES}, in the same order. */
    private static final List<String> CAPTIONS = List.of(
            "Cycles per layer: compute on the array, stalls waiting for DRAM, and vector-unit work.",
            "Array utilization (MACs / (array cycles x PEs)) and mapping efficiency of the layers on the array.",
            "Average DRAM bandwidth each layer uses, and the bandwidth at which it would not stall.",
            "Roofline: each layer's MACs per DRAM byte against the MACs per cycle it achieved; left of the ridge a "
                    + "layer is bandwidth bound.");

    private ReportWriter() {
    }

    /** Writes the result files, the charts and the report; returns the path of {@code report.html}. */
    public static Path write(NetworkRun run, Path dir) throws IOException {
        writeResults(run, dir);
        return writeReport(run, dir);
    }

    /** {@code layers.csv}, {@code layers.json} and {@code summary.json}. */
    public static void writeResults(NetworkRun run, Path dir) throws IOException {
        writeLayersCsv(run, dir);
        writeLayersJson(run, dir);
        writeSummary(run, dir);
    }

    /** {@code layers.csv}: one row per layer, a unit in every column name ({@link ResultTables#LAYER_COLUMNS}). */
    public static void writeLayersCsv(NetworkRun run, Path dir) throws IOException {
        CsvFormat.write(ResultTables.layers(run.layers()), dir.resolve("layers.csv"));
    }

    /** {@code layers.json}: the rows of {@code layers.csv} as objects keyed by the same column names. */
    public static void writeLayersJson(NetworkRun run, Path dir) throws IOException {
        JsonFormat.write(JsonFormat.rows(ResultTables.layers(run.layers())), dir.resolve("layers.json"));
    }

    /** {@code summary.json}: model, accelerator, network totals and provenance ({@link ResultTables#summary}). */
    public static void writeSummary(NetworkRun run, Path dir) throws IOException {
        JsonFormat.write(ResultTables.summary(run), dir.resolve("summary.json"));
    }

    /** The charts and {@code report.html}; returns the report's path. */
    public static Path writeReport(NetworkRun run, Path dir) throws IOException {
        Path chartDir = dir.resolve("charts");
        List<ChartFiles> files = new ArrayList<>();
        var charts = RunCharts.all(run);
        for (int i = 0; i < charts.size(); i++) {
            files.add(ChartWriter.write(charts.get(i), chartDir, RunCharts.NAMES.get(i)));
        }
        Path html = dir.resolve("report.html");
        AtomicFile.write(html, HtmlReport.render(run, files, CAPTIONS));
        return html;
    }
}
