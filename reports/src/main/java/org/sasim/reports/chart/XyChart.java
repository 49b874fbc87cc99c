package org.sasim.reports.chart;

import java.awt.BasicStroke;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;
import org.sasim.reports.table.Column;
import org.sasim.reports.table.Table;

/**
 * Points and lines over two numeric axes, either linear or logarithmic: sweeps and rooflines.
 *
 * @param title   chart title
 * @param xAxis   x axis label with unit
 * @param yAxis   y axis label with unit
 * @param xColumn CSV column of x values, snake_case with unit
 * @param yColumn CSV column of y values, snake_case with unit
 * @param logX    logarithmic x axis
 * @param logY    logarithmic y axis
 * @param series  the series
 */
public record XyChart(String title, String xAxis, String yAxis, String xColumn, String yColumn, boolean logX,
                      boolean logY, List<XySeries> series) implements Chart {

    public XyChart {
        series = List.copyOf(series);
        new Column(xColumn, xAxis);
        new Column(yColumn, yAxis);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("chart '" + title + "' has no series");
        }
        for (XySeries s : series) {
            for (XyPoint p : s.points()) {
                // A log axis cannot show zero or negative values; refusing them keeps the CSV equal to the picture.
                if ((logX && !(p.x() > 0)) || (logY && !(p.y() > 0)) || !Double.isFinite(p.x())
                        || !Double.isFinite(p.y())) {
                    throw new IllegalArgumentException("chart '" + title + "': point " + p
                            + " cannot be drawn on its axes");
                }
            }
        }
    }

    @Override
    public Table data() {
        Table.Builder b = Table.builder(List.of(new Column("series", "legend of the series"),
                new Column("label", "what the point is"), new Column(xColumn, xAxis), new Column(yColumn, yAxis)));
        for (XySeries s : series) {
            for (XyPoint p : s.points()) {
                b.row(s.legend(), p.label(), p.x(), p.y());
            }
        }
        return b.build();
    }

    @Override
    public int width() {
        return 900;
    }

    @Override
    public int height() {
        return 560;
    }

    @Override
    public JFreeChart toJFreeChart() {
        XYSeriesCollection ds = new XYSeriesCollection();
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer();
        for (int i = 0; i < series.size(); i++) {
            XySeries s = series.get(i);
            // Duplicates are allowed because two layers may sit on the same roofline point.
            org.jfree.data.xy.XYSeries js = new org.jfree.data.xy.XYSeries(s.legend(), false, true);
            for (XyPoint p : s.points()) {
                js.add(p.x(), p.y());
            }
            ds.addSeries(js);
            r.setSeriesLinesVisible(i, s.style() != XyStyle.POINTS);
            r.setSeriesShapesVisible(i, s.style() != XyStyle.LINE);
            r.setSeriesStroke(i, new BasicStroke(s.style() == XyStyle.LINE ? 2.5f : 2f));
            r.setSeriesShape(i, new Ellipse2D.Double(-4.5, -4.5, 9, 9));
        }
        XYPlot plot = new XYPlot(ds, axis(xAxis, logX), axis(yAxis, logY), r);
        JFreeChart chart = new JFreeChart(title, plot);
        ChartTheme.apply(chart);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinePaint(ChartTheme.GRID);
        plot.setRangeGridlinePaint(ChartTheme.GRID);
        plot.getDomainAxis().setTickLabelFont(new Font(ChartTheme.FONT, Font.PLAIN, 12));
        plot.getRangeAxis().setTickLabelFont(new Font(ChartTheme.FONT, Font.PLAIN, 12));
        return chart;
    }

    private static ValueAxis axis(String label, boolean log) {
        if (log) {
            LogAxis a = new LogAxis(label);
            a.setBase(10);
            a.setSmallestValue(1e-6);
            // Plain decimals (0.1, 1, 10, 1000) read faster than 10^k superscripts on a report-size chart.
            java.text.DecimalFormat f = new java.text.DecimalFormat("#,##0.###");
            a.setNumberFormatOverride(f);
            // One tick per decade (the unit is in log10 space); auto units land on values like 630.957.
            a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1.0, f));
            a.setMinorTickCount(9);
            a.setMinorTickMarksVisible(true);
            return a;
        }
        NumberAxis a = new NumberAxis(label);
        a.setAutoRangeIncludesZero(false);
        return a;
    }
}
