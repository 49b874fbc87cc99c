package org.sasim.reports.chart;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.ViewBox;
import org.sasim.reports.io.AtomicFile;
import org.sasim.reports.table.CsvFormat;

/**
 * Writes a chart as {@code NAME.png}, {@code NAME.svg} and {@code NAME.csv} in a directory, each atomically. Runs
 * headless: it sets {@code java.awt.headless=true} before AWT is first touched, so it works on servers and in CI.
 */
public final class ChartWriter {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

    static {
        System.setProperty("java.awt.headless", "true");
        // Rotated labels (the value axis title, layer names) as rotated drawString calls, not a TextLayout: JFreeSVG
        // then writes them as SVG text, which stays selectable and searchable, instead of glyph outlines.
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private ChartWriter() {
    }

    /**
     * Writes the three files.
     *
     * @param chart the chart
     * @param dir   output directory (created if missing)
     * @param name  base file name, lower-case letters, digits, '-' and '_'
     */
    public static ChartFiles write(Chart chart, Path dir, String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("chart file name must be lower-case letters, digits, - or _: '"
                    + name + "'");
        }
        JFreeChart jf = chart.toJFreeChart();
        int w = chart.width();
        int h = chart.height();
        Path png = dir.resolve(name + ".png");
        Path svg = dir.resolve(name + ".svg");
        Path csv = dir.resolve(name + ".csv");
        AtomicFile.write(png, png(jf, w, h));
        String element = svgElement(jf, w, h, name);
        AtomicFile.write(svg, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + element + "\n");
        CsvFormat.write(chart.data(), csv);
        return new ChartFiles(png, svg, csv, element);
    }

    static byte[] png(JFreeChart chart, int w, int h) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            chart.draw(g, new Rectangle(w, h));
        } finally {
            g.dispose();
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    static String svgElement(JFreeChart chart, int w, int h, String idPrefix) {
        SVGGraphics2D g = new SVGGraphics2D(w, h);
        // Several charts are inlined into one HTML page; a per-chart prefix keeps their clip-path ids apart.
        g.setDefsKeyPrefix(idPrefix.replace('-', '_') + "_");
        chart.draw(g, new Rectangle(w, h));
        // A viewBox lets the browser scale the chart to the page width without losing its aspect ratio.
        return g.getSVGElement(idPrefix, true, new ViewBox(0, 0, w, h), null, null);
    }
}
