package org.sasim.reports.chart;

import org.jfree.chart.JFreeChart;
import org.sasim.reports.table.Table;

/**
 * A chart described by its data, so the same object gives the picture ({@link #toJFreeChart()}) and the CSV of
 * exactly what is plotted ({@link #data()}).
 */
public sealed interface Chart permits CategoryChart, XyChart {
    /** Chart title. */
    String title();

    /** The plotted data as a table (written as the chart's CSV). */
    Table data();

    /** The JFreeChart rendering, themed for reports. */
    JFreeChart toJFreeChart();

    /** Width in pixels at which the chart stays readable. */
    int width();

    /** Height in pixels. */
    int height();
}
