package org.sasim.reports;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A small RFC 4180 reader for checking written CSVs independently of the writer. */
public final class CsvRead {
    private CsvRead() {
    }

    public static List<List<String>> read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    public static List<List<String>> parse(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    f.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(f.toString());
                f.setLength(0);
            } else if (c == '\n') {
                row.add(f.toString());
                f.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                f.append(c);
            }
        }
        if (f.length() > 0 || !row.isEmpty()) {
            row.add(f.toString());
            rows.add(row);
        }
        return rows;
    }

    /** The named column's cells (header excluded). */
    public static List<String> column(List<List<String>> rows, String name) {
        int i = rows.get(0).indexOf(name);
        if (i < 0) {
            throw new AssertionError("no column " + name + " in " + rows.get(0));
        }
        return rows.subList(1, rows.size()).stream().map(r -> r.get(i)).toList();
    }
}
