package org.sasim.reports.table;

import java.util.ArrayList;
import java.util.List;

/**
 * A rectangular table of values: the one form every CSV and JSON file of the reports module is written from, so a
 * chart's CSV and a result CSV follow the same rules. Cells are {@link String}, {@link Long}, {@link Integer} or
 * {@link Double}.
 *
 * @param columns the columns, in order
 * @param rows    rows, each with one cell per column
 */
public record Table(List<Column> columns, List<List<Object>> rows) {
    public Table {
        columns = List.copyOf(columns);
        List<List<Object>> copy = new ArrayList<>(rows.size());
        for (int r = 0; r < rows.size(); r++) {
            List<Object> row = rows.get(r);
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + r + " has " + row.size() + " cells for "
                        + columns.size() + " columns");
            }
            for (Object cell : row) {
                if (!(cell instanceof String || cell instanceof Long || cell instanceof Integer
                        || cell instanceof Double)) {
                    throw new IllegalArgumentException("row " + r + ": unsupported cell " + cell);
                }
            }
            copy.add(List.copyOf(row));
        }
        rows = List.copyOf(copy);
    }

    /** Column names in order. */
    public List<String> names() {
        return columns.stream().map(Column::name).toList();
    }

    /** Index of the named column; throws if absent. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("no column '" + name + "' in " + names());
    }

    /** The cells of one column, top to bottom. */
    public List<Object> column(String name) {
        int i = indexOf(name);
        return rows.stream().map(r -> r.get(i)).toList();
    }

    /** Builder that adds rows one by one. */
    public static Builder builder(List<Column> columns) {
        return new Builder(columns);
    }

    /** Collects rows for a {@link Table}. */
    public static final class Builder {
        private final List<Column> columns;
        private final List<List<Object>> rows = new ArrayList<>();

        private Builder(List<Column> columns) {
            this.columns = List.copyOf(columns);
        }

        public Builder row(Object... cells) {
            rows.add(List.of(cells));
            return this;
        }

        public Table build() {
            return new Table(columns, rows);
        }
    }
}
