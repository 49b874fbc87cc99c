package org.sasim.reports.study;

import java.util.ArrayList;
import java.util.List;

/** A GitHub-flavoured Markdown table for study summaries. */
final class MarkdownTable {
    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();

    MarkdownTable(String... header) {
        this.header = List.of(header);
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != header.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells for " + header.size()
                    + " columns");
        }
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(format(c));
        }
        rows.add(r);
        return this;
    }

    static String format(Object c) {
        if (c instanceof Long || c instanceof Integer) {
            return String.format("%,d", ((Number) c).longValue());
        }
        if (c instanceof Double d) {
            return Math.abs(d) >= 100 ? String.format("%,.0f", d) : String.format("%.3g", d);
        }
        return String.valueOf(c);
    }

    String render() {
        StringBuilder sb = new StringBuilder();
        sb.append("| ").append(String.join(" | ", header)).append(" |\n|");
        for (int i = 0; i < header.size(); i++) {
            sb.append(i == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<String> r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }
}
