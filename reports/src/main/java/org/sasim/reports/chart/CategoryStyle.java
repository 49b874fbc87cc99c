package org.sasim.reports.chart;

/** How a {@link CategoryChart} draws its series. */
public enum CategoryStyle {
    /** Series stacked in one bar per category: parts of a whole (compute + stall + vector cycles). */
    STACKED_BAR,
    /** Series side by side in each category: comparisons (baseline vs variant). */
    GROUPED_BAR,
    /** One line per series across the categories: a quantity over the layers. */
    LINE
}
