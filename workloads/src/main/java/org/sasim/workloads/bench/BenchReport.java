package org.sasim.workloads.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;

/**
 * One {@code sasim bench} run: when, where, which suite and every case's measurements.
 *
 * @param date        ISO-8601 instant the run started
 * @param quick       whether it was the quick suite
 * @param machine     the machine
 * @param results     one per case, in run order
 */
public record BenchReport(String date, boolean quick, Machine machine, List<BenchResult> results) {

    /** {@code bench.json}: this record as indented JSON (times in ms, heap in bytes). */
    public String toJson() {
        try {
            return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(this) + "\n";
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Markdown table of the results, then the machine. */
    public String toTable() {
        StringBuilder b = new StringBuilder();
        b.append("| group | case | runs (warm-up + timed) | median ms | min ms | max ms | peak heap MB "
                + "| simulated Mcycles/s |\n");
        b.append("|---|---|---|---:|---:|---:|---:|---:|\n");
        for (BenchResult r : results) {
            b.append(String.format(Locale.ROOT, "| %s | %s | %d + %d | %s | %s | %s | %.0f | %s |%n", r.group(),
                    r.name(), r.warmups(), r.repetitions(), millis(r.medianMillis()), millis(r.minMillis()),
                    millis(r.maxMillis()), r.peakHeapBytes() / 1048576.0,
                    r.simulatedCycles() == 0 ? "-" : String.format(Locale.ROOT, "%.3g",
                            r.simulatedCyclesPerSecond() / 1e6)));
        }
        b.append(String.format(Locale.ROOT, "%n%s, %d cores, %s %s, max heap %d MB, %s%n", date, machine.cores(),
                machine.jvm(), machine.jvmVersion(), machine.maxHeapBytes() / 1048576, machine.os()));
        return b.toString();
    }

    private static String millis(double ms) {
        return String.format(Locale.ROOT, ms < 10 ? "%.2f" : ms < 100 ? "%.1f" : "%.0f", ms);
    }
}
