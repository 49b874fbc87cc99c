package org.sasim.reports.run;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.sasim.reports.table.Column;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.ArraySpec;
import org.sasim.simulator.arch.Dataflow;
import org.sasim.simulator.arch.Datatype;
import org.sasim.simulator.arch.MemorySpec;
import org.sasim.simulator.arch.VectorUnitSpec;

/**
 * Reads back what {@link org.sasim.reports.ReportWriter#writeResults} writes: {@code layers.csv} and
 * {@code summary.json} of a run directory, giving the same {@link NetworkRun} (every field equal, doubles bit for
 * bit, because the writers print doubles in their shortest exact form). The files are checked against each other:
 * a {@code summary.json} whose totals do not match the layers in {@code layers.csv} was not written with them.
 */
public final class ResultFilesReader {
    /** Per-layer results file name. */
    public static final String LAYERS = "layers.csv";
    /** Summary file name. */
    public static final String SUMMARY = "summary.json";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> INTEGER_TOTALS = List.of("layers", "params", "macs", "compute_cycles",
            "stall_cycles", "vector_cycles", "total_cycles", "sram_read_bytes", "sram_write_bytes",
            "dram_read_bytes", "dram_write_bytes");

    private ResultFilesReader() {
    }

    /** Reads the run in {@code dir}. */
    public static NetworkRun read(Path dir) throws RunFileException, IOException {
        Path summaryFile = dir.resolve(SUMMARY);
        Path layersFile = dir.resolve(LAYERS);
        JsonNode summary = json(summaryFile);
        Accelerator accelerator = accelerator(summaryFile, object(summaryFile, summary, "accelerator"));
        JsonNode prov = object(summaryFile, summary, "provenance");
        Provenance provenance = new Provenance(text(summaryFile, prov, "provenance.sasim_version"),
                text(summaryFile, prov, "provenance.workload_sha256"),
                integer(summaryFile, prov, "provenance.seed"));
        List<LayerStats> layers = layers(layersFile);
        if (layers.isEmpty()) {
            throw new RunFileException(layersFile, 0, null, "no layers (only a header or an empty file)");
        }
        NetworkRun run = new NetworkRun(text(summaryFile, summary, "model"),
                text(summaryFile, summary, "input_shape"), accelerator, layers, provenance);
        checkTotals(summaryFile, object(summaryFile, summary, "totals"), run);
        return run;
    }

    private static JsonNode json(Path file) throws RunFileException, IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunFileException(file, 0, null, "missing (a run directory holds the " + LAYERS + " and "
                    + SUMMARY + " that 'sasim run' writes)");
        }
        try {
            JsonNode root = JSON.readTree(text);
            if (root == null || !root.isObject()) {
                throw new RunFileException(file, 0, null, "expected a JSON object");
            }
            return root;
        } catch (JacksonException e) {
            long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new RunFileException(file, Math.max(line, 0), null, "not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static Accelerator accelerator(Path file, JsonNode a) throws RunFileException {
        String name = text(file, a, "accelerator.name");
        int rows = (int) integer(file, a, "accelerator.array_rows");
        int cols = (int) integer(file, a, "accelerator.array_cols");
        Dataflow dataflow = parsed(file, a, "accelerator.dataflow", Dataflow::parse);
        Datatype datatype = parsed(file, a, "accelerator.datatype", Datatype::parse);
        double clock = number(file, a, "accelerator.clock_ghz");
        long ifmap = integer(file, a, "accelerator.ifmap_sram_bytes");
        long filter = integer(file, a, "accelerator.filter_sram_bytes");
        long ofmap = integer(file, a, "accelerator.ofmap_sram_bytes");
        double bandwidth = number(file, a, "accelerator.dram_bytes_per_cycle");
        int latency = (int) integer(file, a, "accelerator.dram_latency_cycles");
        int lanes = (int) integer(file, a, "accelerator.vector_lanes");
        try {
            return new Accelerator(name, new ArraySpec(rows, cols, dataflow), datatype, clock,
                    new MemorySpec(ifmap, filter, ofmap, bandwidth, latency), new VectorUnitSpec(lanes));
        } catch (IllegalArgumentException e) {
            throw new RunFileException(file, 0, "accelerator", e.getMessage());
        }
    }

    private static void checkTotals(Path file, JsonNode totals, NetworkRun run) throws RunFileException {
        Map<String, Object> expected = ResultTables.totals(run.totals(), run.accelerator());
        for (String key : INTEGER_TOTALS) {
            long got = integer(file, totals, "totals." + key);
            long want = ((Number) expected.get(key)).longValue();
            if (got != want) {
                throw new RunFileException(file, 0, "totals." + key, got + " does not match the sum over " + LAYERS
                        + " (" + want + "): the two files are not from the same run");
            }
        }
    }

    private static List<LayerStats> layers(Path file) throws RunFileException, IOException {
        List<String> header = ResultTables.LAYER_COLUMNS.stream().map(Column::name).toList();
        List<LayerStats> out = new ArrayList<>();
        Reader in;
        try {
            in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new RunFileException(file, 0, null, "missing (a run directory holds the " + LAYERS + " and "
                    + SUMMARY + " that 'sasim run' writes)");
        }
        try (in; CSVParser p = CSVFormat.RFC4180.parse(in)) {
            boolean first = true;
            for (CSVRecord r : p) {
                // No field spans lines (the writer quotes none with a line break in sasim's names), so the
                // record number is the line number.
                long line = r.getRecordNumber();
                if (first) {
                    first = false;
                    checkHeader(file, r.toList(), header);
                    continue;
                }
                if (r.size() != header.size()) {
                    throw new RunFileException(file, line, null, "expected " + header.size() + " fields, got "
                            + r.size());
                }
                out.add(layer(file, line, r));
            }
            if (first) {
                throw new RunFileException(file, 0, null, "empty file (expected a header line: "
                        + String.join(",", header) + ")");
            }
        } catch (java.io.UncheckedIOException e) {
            // commons-csv reports malformed quoting while iterating
            throw new RunFileException(file, 0, null, "not valid CSV: " + e.getCause().getMessage());
        }
        return out;
    }

    private static void checkHeader(Path file, List<String> got, List<String> want) throws RunFileException {
        for (int i = 0; i < want.size(); i++) {
            if (i >= got.size() || !got.get(i).equals(want.get(i))) {
                throw new RunFileException(file, 1, "column " + (i + 1), "expected '" + want.get(i) + "', got "
                        + (i >= got.size() ? "the end of the line" : "'" + got.get(i) + "'"));
            }
        }
        if (got.size() > want.size()) {
            throw new RunFileException(file, 1, "column " + (want.size() + 1), "unexpected column '"
                    + got.get(want.size()) + "'");
        }
    }

    private static LayerStats layer(Path file, long line, CSVRecord r) throws RunFileException {
        Fields f = new Fields(file, line, r);
        String name = f.text(0);
        LayerStats l;
        try {
            l = new LayerStats(name, f.text(1), f.text(2), f.integer(3), f.integer(4), f.integer(5), f.integer(6),
                    f.integer(7), f.number(9), f.number(10), f.integer(11), f.integer(12), f.integer(13),
                    f.integer(14), f.number(17));
        } catch (IllegalArgumentException e) {
            throw new RunFileException(file, line, null, e.getMessage());
        }
        long total = f.integer(8);
        if (total != l.totalCycles()) {
            throw new RunFileException(file, line, "total_cycles", total + " is not compute + stall + vector cycles ("
                    + l.totalCycles() + ")");
        }
        f.number(15);
        f.number(16);
        return l;
    }

    /** The fields of one CSV line, parsed with the line and column in every message. */
    private record Fields(Path file, long line, CSVRecord record) {
        String name(int i) {
            return ResultTables.LAYER_COLUMNS.get(i).name();
        }

        String text(int i) throws RunFileException {
            String s = record.get(i);
            if (s.isEmpty()) {
                throw new RunFileException(file, line, name(i), "empty");
            }
            return s;
        }

        long integer(int i) throws RunFileException {
            String s = record.get(i);
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw new RunFileException(file, line, name(i), "expected a whole number, got '" + s + "'");
            }
        }

        double number(int i) throws RunFileException {
            String s = record.get(i);
            try {
                return Double.parseDouble(s);
            } catch (NumberFormatException e) {
                throw new RunFileException(file, line, name(i), "expected a number, got '" + s + "'");
            }
        }
    }

    private static JsonNode object(Path file, JsonNode parent, String field) throws RunFileException {
        JsonNode n = parent.get(field);
        if (n == null || !n.isObject()) {
            throw new RunFileException(file, 0, field, n == null ? "missing" : "expected an object, got " + n);
        }
        return n;
    }

    private static JsonNode value(Path file, JsonNode parent, String path) throws RunFileException {
        JsonNode n = parent.get(path.substring(path.lastIndexOf('.') + 1));
        if (n == null || n.isNull()) {
            throw new RunFileException(file, 0, path, "missing");
        }
        return n;
    }

    private static String text(Path file, JsonNode parent, String path) throws RunFileException {
        JsonNode n = value(file, parent, path);
        if (!n.isTextual()) {
            throw new RunFileException(file, 0, path, "expected a string, got " + n);
        }
        return n.asText();
    }

    private static long integer(Path file, JsonNode parent, String path) throws RunFileException {
        JsonNode n = value(file, parent, path);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new RunFileException(file, 0, path, "expected a whole number, got " + n);
        }
        return n.asLong();
    }

    /** A number; non-finite values are strings ("Infinity") because JSON has no literal for them. */
    private static double number(Path file, JsonNode parent, String path) throws RunFileException {
        JsonNode n = value(file, parent, path);
        if (n.isNumber()) {
            return n.asDouble();
        }
        if (n.isTextual() && List.of("Infinity", "-Infinity", "NaN").contains(n.asText())) {
            return Double.parseDouble(n.asText());
        }
        throw new RunFileException(file, 0, path, "expected a number, got " + n);
    }

    private interface Parse<T> {
        T apply(String s);
    }

    private static <T> T parsed(Path file, JsonNode parent, String path, Parse<T> parse) throws RunFileException {
        String s = text(file, parent, path);
        try {
            return parse.apply(s);
        } catch (IllegalArgumentException e) {
            throw new RunFileException(file, 0, path, e.getMessage());
        }
    }
}
