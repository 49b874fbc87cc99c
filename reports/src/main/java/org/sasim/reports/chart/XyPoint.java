package org.sasim.reports.chart;

/**
 * One plotted point.
 *
 * @param label what the point is (a layer name, a sweep value); written to the CSV
 * @param x     x value in the chart's x unit
 * @param y     y value in the chart's y unit
 */
public record XyPoint(String label, double x, double y) {
}
