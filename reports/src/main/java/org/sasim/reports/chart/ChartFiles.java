package org.sasim.reports.chart;

import java.nio.file.Path;

/**
 * The three files written for one chart: the picture as PNG and SVG, and the plotted data as CSV.
 *
 * @param png PNG file
 * @param svg SVG file
 * @param csv CSV of exactly the plotted data
 * @param svgElement the {@code <svg>} element alone (no XML prolog), for inlining into HTML
 */
public record ChartFiles(Path png, Path svg, Path csv, String svgElement) {
}
