package org.sasim.reports.run;

import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;
import org.sasim.reports.table.Column;
import org.sasim.reports.table.Table;
import org.sasim.simulator.arch.Accelerator;

/**
 * The per-layer table and the network summary document, with a unit in every column name. {@code layers.csv},
 * {@code layers.json}, {@code summary.json} and the HTML report's table are all made here, so they cannot disagree.
 */
public final class ResultTables {
    /** Per-layer columns in file order. */
    public static final List<Column> LAYER_COLUMNS = List.of(
            new Column("layer", "layer name"),
            new Column("kind", "layer kind"),
            new Column("output_shape", "output shape N x C x H x W"),
            new Column("params", "learned parameters (elements)"),
            new Column("macs", "multiply-accumulates"),
            new Column("compute_cycles", "array cycles computing, stall-free"),
            new Column("stall_cycles", "array cycles waiting for DRAM"),
            new Column("vector_cycles", "vector-unit cycles"),
            new Column("total_cycles", "compute + stall + vector cycles"),
            new Column("utilization_pct", "MACs / (array cycles x PEs) x 100"),
            new Column("mapping_efficiency_pct", "mean PEs holding work per fold x 100"),
            new Column("sram_read_bytes", "bytes read from the scratchpads"),
            new Column("sram_write_bytes", "bytes written to the scratchpads"),
            new Column("dram_read_bytes", "bytes read from DRAM"),
            new Column("dram_write_bytes", "bytes written to DRAM"),
            new Column("dram_bytes_per_cycle", "average DRAM bandwidth over the layer"),
            new Column("macs_per_dram_byte", "arithmetic intensity"),
            new Column("stall_free_dram_bytes_per_cycle", "DRAM bandwidth at which the layer would not stall"));

    private ResultTables() {
    }

    /** One row per layer. */
    public static Table layers(List<LayerStats> layers) {
        Table.Builder b = Table.builder(LAYER_COLUMNS);
        for (LayerStats l : layers) {
            b.row(l.name(), l.kind(), l.outputShape(), l.params(), l.macs(), l.computeCycles(), l.stallCycles(),
                    l.vectorCycles(), l.totalCycles(), l.utilizationPct(), l.mappingEfficiencyPct(),
                    l.sramReadBytes(), l.sramWriteBytes(), l.dramReadBytes(), l.dramWriteBytes(),
                    l.dramBytesPerCycle(), l.macsPerDramByte(), l.stallFreeBytesPerCycle());
        }
        return b.build();
    }

    /** The accelerator as a JSON-ready map (units in the keys). */
    public static Map<String, Object> accelerator(Accelerator a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", a.name());
        m.put("array_rows", a.array().rows());
        m.put("array_cols", a.array().cols());
        m.put("dataflow", a.array().dataflow().shortName());
        m.put("datatype", a.datatype().toString());
        m.put("clock_ghz", a.clockGHz());
        m.put("ifmap_sram_bytes", a.memory().ifmapSramBytes());
        m.put("filter_sram_bytes", a.memory().filterSramBytes());
        m.put("ofmap_sram_bytes", a.memory().ofmapSramBytes());
        m.put("dram_bytes_per_cycle", a.memory().dramBytesPerCycle());
        m.put("dram_latency_cycles", a.memory().dramLatencyCycles());
        m.put("vector_lanes", a.vector().lanes());
        return m;
    }

    /** Network totals as a JSON-ready map; GB/s and seconds use the accelerator clock. */
    public static Map<String, Object> totals(NetworkTotals t, Accelerator a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("layers", t.layers());
        m.put("params", t.params());
        m.put("macs", t.macs());
        m.put("compute_cycles", t.computeCycles());
        m.put("stall_cycles", t.stallCycles());
        m.put("vector_cycles", t.vectorCycles());
        m.put("total_cycles", t.totalCycles());
        m.put("latency_ms", t.totalCycles() / (a.clockGHz() * 1e6));
        m.put("utilization_pct", t.utilizationPct());
        m.put("sram_read_bytes", t.sramReadBytes());
        m.put("sram_write_bytes", t.sramWriteBytes());
        m.put("dram_read_bytes", t.dramReadBytes());
        m.put("dram_write_bytes", t.dramWriteBytes());
        m.put("average_dram_bytes_per_cycle", t.averageDramBytesPerCycle());
        m.put("average_dram_gb_per_s", t.averageDramBytesPerCycle() * a.clockGHz());
        m.put("peak_dram_bytes_per_cycle", t.peakDramBytesPerCycle());
        m.put("macs_per_dram_byte", t.macsPerDramByte());
        return m;
    }

    /** The whole summary document: model, accelerator, totals, provenance. */
    public static Map<String, Object> summary(NetworkRun run) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", run.model());
        m.put("input_shape", run.inputShape());
        m.put("accelerator", accelerator(run.accelerator()));
        m.put("totals", totals(run.totals(), run.accelerator()));
        m.put("provenance", provenance(run.provenance()));
        return m;
    }

    /** Provenance as a JSON-ready map. */
    public static Map<String, Object> provenance(Provenance p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sasim_version", p.sasimVersion());
        m.put("workload_sha256", p.workloadSha256());
        m.put("seed", p.seed());
        if (p.workloadFile() != null) {
            m.put("workload_file", p.workloadFile());
        }
        if (!p.settings().isEmpty()) {
            m.put("settings", new LinkedHashMap<>(p.settings()));
        }
        return m;
    }
}
