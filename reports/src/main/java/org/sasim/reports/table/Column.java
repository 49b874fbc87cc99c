package org.sasim.reports.table;

import java.util.regex.Pattern;

/**
 * One column of a {@link Table}. Names are snake_case and carry their unit as a suffix ({@code compute_cycles},
 * {@code dram_read_bytes}, {@code utilization_pct}) so a CSV read without its documentation still says what it holds.
 *
 * @param name        snake_case column name including the unit
 * @param description one line for humans (report table tool-tips, docs)
 */
public record Column(String name, String description) {
    private static final Pattern SNAKE = Pattern.compile("[a-z][a-z0-9_]*");

    public Column {
        if (name == null || !SNAKE.matcher(name).matches()) {
            throw new IllegalArgumentException("column name must be snake_case, got '" + name + "'");
        }
    }
}
