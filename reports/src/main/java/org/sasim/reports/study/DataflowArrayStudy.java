package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sasim.models.graph.Network;
import org.sasim.models.zoo.ModelZoo;
import org.sasim.reports.chart.CategoryChart;
import org.sasim.reports.chart.CategoryStyle;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.chart.ChartWriter;
import org.sasim.reports.chart.Series;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.NetworkTotals;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

/**
 * A network over the three dataflows and square arrays from 8x8 to 256x256: total cycles, array utilization and
 * DRAM traffic. Scratchpads scale with the PE count ({@link StudySimulation#withArray}); DRAM bandwidth and the
 * vector unit stay those of the given accelerator.
 */
public final class DataflowArrayStudy implements Study {
    /** The network swept. */
    public static final String MODEL = "alexnet";
    /** Square array sides swept by default. */
    public static final List<Integer> ARRAY_SIDES = List.of(8, 16, 32, 64, 128, 256);

    private final List<Integer> sides;

    /** The study over {@link #ARRAY_SIDES}. */
    public DataflowArrayStudy() {
        this(ARRAY_SIDES);
    }

    /** The study over other square array sides (tests use fewer). */
    public DataflowArrayStudy(List<Integer> sides) {
        this.sides = List.copyOf(sides);
    }

    @Override
    public String name() {
        return "dataflow-array";
    }

    @Override
    public String description() {
        return "AlexNet over os/ws/is x square arrays 8x8 .. 256x256: cycles, utilization, DRAM traffic";
    }

    /** AlexNet at 1x3x224x224. */
    public static Network network() {
        return ModelZoo.build(MODEL, 1, 224, 224);
    }

    /** The runs, per dataflow, in side order. */
    public Map<Dataflow, List<NetworkRun>> runs(Accelerator accelerator) {
        Network n = network();
        Map<Dataflow, List<NetworkRun>> out = new LinkedHashMap<>();
        for (Dataflow d : Dataflow.values()) {
            List<NetworkRun> rs = new ArrayList<>();
            for (int s : sides) {
                rs.add(StudySimulation.run(n, StudySimulation.withArray(accelerator, s, s, d), name()));
            }
            out.put(d, rs);
        }
        return out;
    }

    @Override
    public StudyResult run(Accelerator accelerator, Path dir) throws IOException {
        Map<Dataflow, List<NetworkRun>> runs = runs(accelerator);
        // Category lines (one category per array size), so every size gets its own labelled tick.
        List<String> arrays = sides.stream().map(x -> x + "x" + x).toList();
        List<Series> cycles = new ArrayList<>();
        List<Series> util = new ArrayList<>();
        List<Series> dram = new ArrayList<>();
        for (var e : runs.entrySet()) {
            String legend = e.getKey().shortName() + " (" + e.getKey().name().toLowerCase().replace('_', ' ') + ")";
            String col = e.getKey().shortName();
            List<NetworkTotals> ts = e.getValue().stream().map(NetworkRun::totals).toList();
            cycles.add(new Series(legend, col + "_total_cycles", ts.stream()
                    .map(t -> (double) t.totalCycles()).toList()));
            util.add(new Series(legend, col + "_utilization_pct", ts.stream().map(NetworkTotals::utilizationPct)
                    .toList()));
            dram.add(new Series(legend, col + "_dram_megabytes", ts.stream().map(t -> t.dramBytes() / 1e6)
                    .toList()));
        }
        List<ChartFiles> charts = new ArrayList<>();
        charts.add(ChartWriter.write(new CategoryChart("AlexNet: total cycles by dataflow and array size",
                "array (rows x cols)", "total cycles (compute + stall + vector)", "array", arrays, cycles,
                CategoryStyle.LINE), dir, "cycles"));
        charts.add(ChartWriter.write(new CategoryChart("AlexNet: array utilization by dataflow and array size",
                "array (rows x cols)", "utilization (%, MACs / (array cycles x PEs))", "array", arrays, util,
                CategoryStyle.LINE), dir, "utilization"));
        charts.add(ChartWriter.write(new CategoryChart("AlexNet: DRAM traffic by dataflow and array size",
                "array (rows x cols)", "DRAM traffic (MB read + written)", "array", arrays, dram,
                CategoryStyle.LINE), dir, "dram"));

        StringBuilder md = new StringBuilder("# Study: dataflow x array size (AlexNet)\n\n");
        MarkdownTable best = new MarkdownTable("array", "fastest dataflow", "total cycles", "os cycles",
                "ws cycles", "is cycles");
        for (int i = 0; i < sides.size(); i++) {
            int fi = i;
            Dataflow winner = runs.keySet().stream().min((a, b) -> Long.compare(
                    runs.get(a).get(fi).totals().totalCycles(), runs.get(b).get(fi).totals().totalCycles()))
                    .orElseThrow();
            best.row(sides.get(i) + "x" + sides.get(i), winner.shortName(),
                    runs.get(winner).get(i).totals().totalCycles(),
                    runs.get(Dataflow.OUTPUT_STATIONARY).get(i).totals().totalCycles(),
                    runs.get(Dataflow.WEIGHT_STATIONARY).get(i).totals().totalCycles(),
                    runs.get(Dataflow.INPUT_STATIONARY).get(i).totals().totalCycles());
        }
        int last = sides.size() - 1;
        for (Dataflow d : runs.keySet()) {
            NetworkTotals first = runs.get(d).get(0).totals();
            NetworkTotals end = runs.get(d).get(last).totals();
            md.append(String.format("- %s: %dx%d -> %dx%d (%,dx the PEs) cuts total cycles %,d -> %,d (%.1fx); "
                            + "utilization %.1f%% -> %.1f%%; DRAM traffic %.1f MB -> %.1f MB.%n", d.shortName(),
                    sides.get(0), sides.get(0), sides.get(last), sides.get(last),
                    (long) sides.get(last) * sides.get(last) / ((long) sides.get(0) * sides.get(0)),
                    first.totalCycles(), end.totalCycles(), (double) first.totalCycles() / end.totalCycles(),
                    first.utilizationPct(), end.utilizationPct(), first.dramBytes() / 1e6, end.dramBytes() / 1e6));
        }
        md.append('\n').append(best.render()).append('\n');
        MarkdownTable all = new MarkdownTable("dataflow", "array", "compute cycles", "stall cycles",
                "vector cycles", "total cycles", "utilization %", "DRAM MB");
        for (var e : runs.entrySet()) {
            for (int i = 0; i < sides.size(); i++) {
                NetworkTotals t = e.getValue().get(i).totals();
                all.row(e.getKey().shortName(), sides.get(i) + "x" + sides.get(i), t.computeCycles(),
                        t.stallCycles(), t.vectorCycles(), t.totalCycles(), t.utilizationPct(), t.dramBytes() / 1e6);
            }
        }
        md.append(all.render()).append('\n');
        md.append(String.format("DRAM bandwidth stays %s bytes/cycle and the vector unit %d lanes at every array "
                + "size. Share of the total cycles at %dx%d:%n%n", accelerator.memory().dramBytesPerCycle(),
                accelerator.vector().lanes(), sides.get(last), sides.get(last)));
        for (Dataflow d : runs.keySet()) {
            NetworkTotals end = runs.get(d).get(last).totals();
            md.append(String.format("- %s: compute %.1f%%, DRAM stall %.1f%%, vector unit %.1f%%%n", d.shortName(),
                    100.0 * end.computeCycles() / end.totalCycles(), 100.0 * end.stallCycles() / end.totalCycles(),
                    100.0 * end.vectorCycles() / end.totalCycles()));
        }
        md.append('\n');
        md.append(StudySimulation.SCOPE).append('\n');
        Path summary = dir.resolve("summary.md");
        AtomicFile.write(summary, md.toString());
        return new StudyResult(name(), charts, summary);
    }
}
