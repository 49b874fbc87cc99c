package org.sasim.reports.chart;

/** How an {@link XySeries} is drawn. */
public enum XyStyle {
    /** Connected line, no markers: roofs and other model curves. */
    LINE,
    /** Markers only: measured points such as layers on a roofline. */
    POINTS,
    /** Line with markers: sweeps, where each marker is a simulated point. */
    LINE_AND_POINTS
}
