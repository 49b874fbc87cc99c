package org.sasim.workloads.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.ResultTables;
import org.sasim.reports.table.Column;
import org.sasim.reports.table.Table;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.workloads.spec.SweepPoint;

/**
 * {@code sweep.csv}: one row per sweep point in sweep order: the point's index, the value of every swept field as
 * resolved (in the unit its column name ends with), then the network totals of {@code summary.json}
 * ({@link ResultTables#totals}, same names and units).
 */
public final class SweepTable {
    private SweepTable() {
    }

    /** A swept field's column: name with unit, and how to read its resolved value at a point. */
    private record SweptColumn(String name, String description, Function<SweepPoint, Object> value) {
    }

    /** A sweep point's outcome: its run, or why the point cannot run (e.g. scratchpads too small). */
    public record PointOutcome(NetworkRun run, String error) {
        public PointOutcome {
            if ((run == null) == (error == null)) {
                throw new IllegalArgumentException("a point outcome is a run or an error");
            }
        }

        public static PointOutcome ran(NetworkRun run) {
            return new PointOutcome(run, null);
        }

        public static PointOutcome failed(String error) {
            return new PointOutcome(null, error);
        }

        public boolean ok() {
            return run != null;
        }
    }

    /** The table of {@code runs}, one per point of {@code points} in the same order (every point ran). */
    public static Table of(List<String> sweptFields, List<SweepPoint> points, List<NetworkRun> runs) {
        return ofOutcomes(sweptFields, points, runs.stream().map(PointOutcome::ran).toList());
    }

    /**
     * The table of {@code outcomes}, one per point of {@code points} in the same order. A point that could not run
     * keeps its row: swept values, empty totals and the reason in the last column, {@code error} (empty for the
     * points that ran), so one infeasible point never costs the others' results.
     *
     * @throws IllegalArgumentException when no point ran
     */
    public static Table ofOutcomes(List<String> sweptFields, List<SweepPoint> points, List<PointOutcome> outcomes) {
        List<SweptColumn> swept = sweptFields.stream().map(SweepTable::column).toList();
        List<Column> columns = new ArrayList<>();
        columns.add(new Column("point", "sweep point index, first swept field outermost"));
        for (SweptColumn c : swept) {
            columns.add(new Column(c.name(), c.description()));
        }
        NetworkRun first = outcomes.stream().filter(PointOutcome::ok).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sweep point ran")).run();
        Map<String, Object> firstTotals = ResultTables.totals(first.totals(), first.accelerator());
        for (String k : firstTotals.keySet()) {
            columns.add(new Column(k, "network total: " + k.replace('_', ' ')));
        }
        columns.add(new Column("error", "why the point could not run (empty when it ran)"));
        Table.Builder b = Table.builder(columns);
        for (int i = 0; i < points.size(); i++) {
            List<Object> row = new ArrayList<>();
            row.add(points.get(i).index());
            for (SweptColumn c : swept) {
                row.add(c.value().apply(points.get(i)));
            }
            PointOutcome o = outcomes.get(i);
            if (o.ok()) {
                row.addAll(ResultTables.totals(o.run().totals(), o.run().accelerator()).values());
                row.add("");
            } else {
                for (int k = 0; k < firstTotals.size(); k++) {
                    row.add("");
                }
                row.add(o.error());
            }
            b.row(row.toArray());
        }
        return b.build();
    }

    private static SweptColumn column(String path) {
        String snake = path.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return switch (path) {
            case "accelerator.rows" -> acc("accelerator_rows_pes", "PE rows", a -> a.array().rows());
            case "accelerator.cols" -> acc("accelerator_cols_pes", "PE columns", a -> a.array().cols());
            case "accelerator.dataflow" -> acc(snake, "os, ws or is", a -> a.array().dataflow().shortName());
            case "accelerator.datatype" -> acc(snake, "int8, bf16 or fp32", a -> a.datatype().toString());
            case "accelerator.clock_ghz" -> acc(snake, "clock (GHz)", Accelerator::clockGHz);
            case "accelerator.ifmap_sram" -> acc("accelerator_ifmap_sram_bytes", "IFMAP scratchpad (bytes)",
                    a -> a.memory().ifmapSramBytes());
            case "accelerator.filter_sram" -> acc("accelerator_filter_sram_bytes", "filter scratchpad (bytes)",
                    a -> a.memory().filterSramBytes());
            case "accelerator.ofmap_sram" -> acc("accelerator_ofmap_sram_bytes", "OFMAP scratchpad (bytes)",
                    a -> a.memory().ofmapSramBytes());
            case "accelerator.dram_bandwidth" -> acc("accelerator_dram_bytes_per_cycle", "DRAM bandwidth",
                    a -> a.memory().dramBytesPerCycle());
            case "accelerator.dram_latency" -> acc("accelerator_dram_latency_cycles", "DRAM latency",
                    a -> a.memory().dramLatencyCycles());
            case "accelerator.vector_lanes" -> acc("accelerator_vector_lanes", "vector-unit elements per cycle",
                    a -> a.vector().lanes());
            case "accelerator.preset", "accelerator.name" -> acc(snake, "accelerator name", Accelerator::name);
            case "model.name" -> new SweptColumn(snake, "model", p -> p.model().network().name());
            case "model.batch" -> new SweptColumn("model_batch_images", "images per forward pass",
                    p -> p.model().network().inputShape().dim(0));
            case "model.input" -> new SweptColumn("model_input_shape", "network input N x C x H x W",
                    p -> p.model().network().inputShape().toString());
            // Any other field: the value as written in the workload.
            default -> new SweptColumn(snake, path + " as written", p -> p.settings().get(path));
        };
    }

    private static SweptColumn acc(String name, String description, Function<Accelerator, Object> f) {
        return new SweptColumn(name, description, p -> f.apply(p.accelerator()));
    }
}
