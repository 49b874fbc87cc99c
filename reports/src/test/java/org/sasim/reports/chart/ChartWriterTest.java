package org.sasim.reports.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sasim.reports.CsvRead;
import org.sasim.reports.Fixtures;
import org.sasim.reports.run.LayerStats;
import org.sasim.reports.run.NetworkRun;
import org.w3c.dom.Document;

class ChartWriterTest {
    private final NetworkRun run = Fixtures.run();

    @Test
    void everyRunChartIsAValidPngAndSvgWithTitleAndAxisLabels(@TempDir Path dir) throws Exception {
        List<Chart> charts = RunCharts.all(run);
        for (int i = 0; i < charts.size(); i++) {
            ChartFiles f = ChartWriter.write(charts.get(i), dir, RunCharts.NAMES.get(i));
            BufferedImage img = ImageIO.read(f.png().toFile());
            assertEquals(charts.get(i).width(), img.getWidth());
            assertEquals(charts.get(i).height(), img.getHeight());
            assertTrue(img.getWidth() >= 900 && img.getHeight() >= 500);
            Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(f.svg().toFile());
            assertEquals("svg", svg.getDocumentElement().getNodeName());
            String text = Files.readString(f.svg());
            // The title and the unit-bearing axis labels are drawn as SVG text.
            assertTrue(text.contains(esc(charts.get(i).title())), charts.get(i).title());
        }
        assertTrue(Files.readString(dir.resolve("cycles.svg")).contains(">cycles<"));
        assertTrue(Files.readString(dir.resolve("roofline.svg")).contains("MACs / cycle"));
    }

    @Test
    void cyclesCsvEqualsThePerLayerResults(@TempDir Path dir) throws Exception {
        ChartFiles f = ChartWriter.write(RunCharts.cycles(run), dir, "cycles");
        List<List<String>> rows = CsvRead.read(f.csv());
        assertEquals(List.of("layer", "compute_cycles", "stall_cycles", "vector_cycles"), rows.get(0));
        assertEquals(run.layers().size(), rows.size() - 1);
        for (int i = 0; i < run.layers().size(); i++) {
            LayerStats l = run.layers().get(i);
            List<String> r = rows.get(i + 1);
            assertEquals(l.name(), r.get(0));
            assertEquals(l.computeCycles(), Long.parseLong(r.get(1)));
            assertEquals(l.stallCycles(), Long.parseLong(r.get(2)));
            assertEquals(l.vectorCycles(), Long.parseLong(r.get(3)));
        }
    }

    @Test
    void utilizationAndBandwidthCsvsEqualThePerLayerResults(@TempDir Path dir) throws Exception {
        List<List<String>> u = CsvRead.read(ChartWriter.write(RunCharts.utilization(run), dir, "u").csv());
        List<LayerStats> array = run.layers().stream().filter(LayerStats::onArray).toList();
        assertEquals(array.stream().map(LayerStats::name).toList(), CsvRead.column(u, "layer"));
        for (int i = 0; i < array.size(); i++) {
            assertEquals(array.get(i).utilizationPct(), Double.parseDouble(CsvRead.column(u, "utilization_pct")
                    .get(i)));
        }
        List<List<String>> b = CsvRead.read(ChartWriter.write(RunCharts.dramBandwidth(run), dir, "b").csv());
        for (int i = 0; i < run.layers().size(); i++) {
            assertEquals(run.layers().get(i).dramBytesPerCycle(),
                    Double.parseDouble(CsvRead.column(b, "dram_bytes_per_cycle").get(i)));
        }
    }

    @Test
    void rejectsUnsafeFileNames(@TempDir Path dir) {
        assertThrows(IllegalArgumentException.class, () -> ChartWriter.write(RunCharts.cycles(run), dir, "../x"));
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
