package org.sasim.reports.table;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sasim.reports.io.AtomicFile;

/**
 * RFC 4180 CSV: a header of column names, then one line per row, {@code \n} line ends, fields quoted only when they
 * contain a comma, quote or line break. Doubles are written with {@link Double#toString} so reading a value back
 * gives exactly the double that was plotted or reported.
 */
public final class CsvFormat {
    private CsvFormat() {
    }

    /** The table as CSV text. */
    public static String format(Table table) {
        StringBuilder sb = new StringBuilder();
        line(sb, table.names());
        for (List<Object> row : table.rows()) {
            line(sb, row.stream().map(CsvFormat::cell).toList());
        }
        return sb.toString();
    }

    /** Writes the table atomically. */
    public static void write(Table table, Path file) throws IOException {
        AtomicFile.write(file, format(table));
    }

    private static String cell(Object o) {
        if (o instanceof Double d) {
            if (d.isNaN() || d.isInfinite()) {
                return d.isNaN() ? "NaN" : (d > 0 ? "Infinity" : "-Infinity");
            }
            // Whole numbers stored as doubles print without ".0" noise only when they are exact integers.
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : Double.toString(d);
        }
        return o.toString();
    }

    private static void line(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }
}
