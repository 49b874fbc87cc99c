package org.sasim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.StandardChartTheme;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.ui.RectangleEdge;

/**
 * The look of every report chart: fonts of at least 12 pt at the default 900x500 size, white background, light grid
 * and a colour-blind-safe palette (Okabe-Ito), so charts stay readable when printed or shrunk into a report.
 */
final class ChartTheme {
    /** Okabe-Ito palette: distinguishable with the common colour-vision deficiencies. */
    static final Paint[] PALETTE = {
        new Color(0x0072B2), new Color(0xE69F00), new Color(0x009E73), new Color(0xD55E00),
        new Color(0xCC79A7), new Color(0x56B4E9), new Color(0xF0E442), new Color(0x000000)};

    static final String FONT = "SansSerif";
    static final Color GRID = new Color(0xD0D0D0);

    private ChartTheme() {
    }

    static void apply(JFreeChart chart) {
        StandardChartTheme theme = new StandardChartTheme("sasim");
        theme.setExtraLargeFont(new Font(FONT, Font.BOLD, 18));
        theme.setLargeFont(new Font(FONT, Font.PLAIN, 14));
        theme.setRegularFont(new Font(FONT, Font.PLAIN, 13));
        theme.setSmallFont(new Font(FONT, Font.PLAIN, 12));
        theme.setChartBackgroundPaint(Color.WHITE);
        theme.setPlotBackgroundPaint(Color.WHITE);
        theme.setDomainGridlinePaint(GRID);
        theme.setRangeGridlinePaint(GRID);
        theme.setDrawingSupplier(new org.jfree.chart.plot.DefaultDrawingSupplier(PALETTE, PALETTE,
                new java.awt.Stroke[] {new BasicStroke(2.5f)}, new java.awt.Stroke[] {new BasicStroke(1f)},
                org.jfree.chart.plot.DefaultDrawingSupplier.DEFAULT_SHAPE_SEQUENCE));
        theme.apply(chart);
        chart.setAntiAlias(true);
        chart.setTextAntiAlias(true);
        if (chart.getLegend() != null) {
            chart.getLegend().setPosition(RectangleEdge.TOP);
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setItemFont(new Font(FONT, Font.PLAIN, 13));
        }
    }
}
