package org.sasim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.table.JsonFormat;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWriterTest {
    private final NetworkRun run = Fixtures.run();

    @Test
    void reportIsWellFormedSelfContainedAndHoldsTheLayerTable(@TempDir Path dir) throws Exception {
        Path html = ReportWriter.write(run, dir);
        String text = Files.readString(html);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(html.toFile());
        // No scripts, stylesheets, images or frames from anywhere; the only URLs are XML namespace names.
        for (String tag : List.of("script", "link", "img", "iframe", "object", "embed")) {
            assertEquals(0, doc.getElementsByTagName(tag).getLength(), tag);
        }
        String withoutNamespaces = text.replaceAll("xmlns(:\\w+)?=(\"[^\"]*\"|'[^']*')", "");
        assertFalse(Pattern.compile("(?i)(https?:|ftp:|//[a-z0-9.-]+\\.[a-z]{2,}/|url\\((?!#))").matcher(withoutNamespaces)
                .find(), "external reference in report.html");
        assertTrue(doc.getElementsByTagName("svg").getLength() >= 4);
        // The user-supplied model name is escaped, not injected.
        assertTrue(text.contains("tiny&lt;net&gt;"));

        Element table = doc.getElementById("layers") != null ? doc.getElementById("layers") : byId(doc, "layers");
        NodeList rows = table.getElementsByTagName("tbody").item(0).getChildNodes();
        int trs = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            if (rows.item(i) instanceof Element e && e.getTagName().equals("tr")) {
                String firstCell = e.getElementsByTagName("td").item(0).getTextContent();
                assertEquals(run.layers().get(trs).name(), firstCell);
                trs++;
            }
        }
        assertEquals(run.layers().size(), trs);
        assertTrue(text.contains("0123abcd") && text.contains("seed"), "provenance");
    }

    @Test
    void layersCsvAndSummaryJsonCarryUnitsAndTotals(@TempDir Path dir) throws Exception {
        ReportWriter.writeResults(run, dir);
        List<List<String>> rows = CsvRead.read(dir.resolve("layers.csv"));
        assertTrue(rows.get(0).containsAll(List.of("compute_cycles", "stall_cycles", "vector_cycles",
                "dram_read_bytes", "dram_write_bytes", "utilization_pct", "dram_bytes_per_cycle")));
        assertEquals(run.layers().stream().map(l -> Long.toString(l.totalCycles())).toList(),
                CsvRead.column(rows, "total_cycles"));

        @SuppressWarnings("unchecked")
        Map<String, Object> summary = (Map<String, Object>) JsonFormat.parse(Files.readString(
                dir.resolve("summary.json")));
        @SuppressWarnings("unchecked")
        Map<String, Object> totals = (Map<String, Object>) summary.get("totals");
        long cycles = run.layers().stream().mapToLong(LayerStats::totalCycles).sum();
        assertEquals(cycles, ((Number) totals.get("total_cycles")).longValue());
        long macs = run.layers().stream().mapToLong(LayerStats::macs).sum();
        long arrayCycles = run.layers().stream().mapToLong(l -> l.computeCycles() + l.stallCycles()).sum();
        assertEquals(100.0 * macs / (arrayCycles * 1024.0), ((Number) totals.get("utilization_pct")).doubleValue(),
                1e-12);
        List<?> layers = (List<?>) JsonFormat.parse(Files.readString(dir.resolve("layers.json")));
        assertEquals(run.layers().size(), layers.size());
    }

    private static Element byId(Document doc, String id) {
        NodeList all = doc.getElementsByTagName("table");
        for (int i = 0; i < all.getLength(); i++) {
            Element e = (Element) all.item(i);
            if (id.equals(e.getAttribute("id"))) {
                return e;
            }
        }
        throw new AssertionError("no table #" + id);
    }
}
