package org.sasim.reports.study;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.sasim.reports.CsvRead;
import org.sasim.reports.chart.ChartFiles;

/** Checks that a study's files are what it claims: decodable PNGs, well-formed SVGs, CSVs, a summary with numbers. */
final class StudyOutputs {
    private StudyOutputs() {
    }

    static void assertValid(StudyResult r) throws Exception {
        for (ChartFiles c : r.charts()) {
            BufferedImage img = ImageIO.read(c.png().toFile());
            assertNotNull(img, c.png() + " is not a PNG");
            assertTrue(img.getWidth() >= 600 && img.getHeight() >= 400, c.png() + " too small to read");
            var svg = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(c.svg().toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), c.svg().toString());
            var rows = CsvRead.read(c.csv());
            assertTrue(rows.size() >= 2, c.csv() + " has no data rows");
        }
        String md = Files.readString(r.summary());
        assertTrue(md.startsWith("# Study: "), r.summary().toString());
        assertTrue(md.matches("(?s).*\\d+(\\.\\d+)?%.*"), "summary states no measured percentage");
    }
}
