package org.sasim.reports.chart;

import java.util.List;
import org.sasim.reports.table.Column;

/**
 * One series of a {@link CategoryChart}: a value per category.
 *
 * @param legend legend text, e.g. {@code stall}
 * @param column CSV column holding the values, snake_case with the unit, e.g. {@code stall_cycles}
 * @param values one value per category, in category order
 */
public record Series(String legend, String column, List<Double> values) {
    public Series {
        new Column(column, legend);
        values = List.copyOf(values);
    }

    /** A series from longs (cycles, bytes). */
    public static Series ofLongs(String legend, String column, List<Long> values) {
        return new Series(legend, column, values.stream().map(Long::doubleValue).toList());
    }
}
