package org.sasim.reports.html;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.ResultTables;
import org.sasim.reports.table.Table;

/**
 * {@code report.html}: one self-contained page (inline CSS and SVG, no script, no external URL) that opens offline
 * and can be mailed as a single file. The markup is also well-formed XML (polyglot HTML5), so tests parse it. Sections: accelerator, model and totals, charts, per-layer table, provenance.
 */
public final class HtmlReport {
    private static final String CSS = """
            body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:24px auto;
              max-width:1300px;padding:0 16px;color:#1a1a1a;line-height:1.4}
            h1{font-size:26px;margin-bottom:4px}h2{font-size:20px;margin-top:32px;border-bottom:1px solid #ccc}
            .sub{color:#555;margin-top:0}
            .cols{display:flex;flex-wrap:wrap;gap:48px}.cols h2{min-width:320px}
            .cards{display:flex;flex-wrap:wrap;gap:12px}
            .card{border:1px solid #ddd;border-radius:6px;padding:8px 14px;min-width:150px;background:#fafafa}
            .card b{display:block;font-size:20px}.card span{color:#555;font-size:13px}
            table{border-collapse:collapse;font-size:13px}
            th,td{border:1px solid #ddd;padding:3px 7px}th{background:#f0f0f0;position:sticky;top:0}
            td.n{text-align:right;font-variant-numeric:tabular-nums}
            table.kv td:first-child{color:#555}
            .scroll{overflow-x:auto;max-height:900px;overflow-y:auto}
            figure{margin:16px 0;overflow-x:auto}figure svg{max-width:100%;height:auto;display:block}
            figure.wide svg{max-width:none}
            figcaption{color:#555;font-size:13px}
            footer{margin-top:32px;color:#555;font-size:13px}
            """;

    private HtmlReport() {
    }

    /**
     * The report page.
     *
     * @param run    the simulated network
     * @param charts the run's charts, already written, in display order, with captions
     */
    public static String render(NetworkRun run, List<ChartFiles> charts, List<String> captions) {
        var a = run.accelerator();
        var t = run.totals();
        Map<String, Object> totals = ResultTables.totals(t, a);
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n")
                .append("<title>sasim report: ").append(Html.esc(run.model())).append(" on ")
                .append(Html.esc(a.name())).append("</title>\n<style>").append(CSS).append("</style>\n</head>\n<body>\n");
        h.append("<h1>").append(Html.esc(run.model())).append(" on ").append(Html.esc(a.name())).append("</h1>\n");
        h.append("<p class=\"sub\">input ").append(Html.esc(run.inputShape())).append(" &#183; ")
                .append(a.array().rows()).append("x").append(a.array().cols()).append(' ')
                .append(Html.esc(a.array().dataflow().name().toLowerCase(Locale.ROOT).replace('_', ' ')))
                .append(" array &#183; ").append(a.datatype()).append("</p>\n");

        h.append("<div class=\"cards\">\n");
        card(h, String.format("%,d", t.totalCycles()), "total cycles");
        card(h, String.format("%.3f ms", (Double) totals.get("latency_ms")), "latency at " + a.clockGHz() + " GHz");
        card(h, String.format("%.1f %%", t.utilizationPct()), "array utilization");
        card(h, String.format("%,d", t.stallCycles()), "DRAM stall cycles");
        card(h, String.format("%.2f MB", t.dramBytes() / 1e6), "DRAM traffic");
        card(h, String.format("%.3f G", t.macs() / 1e9), "MACs");
        card(h, String.format("%.2f M", t.params() / 1e6), "parameters");
        h.append("</div>\n");

        // Accelerator and totals side by side: both are short key/value lists.
        h.append("<div class=\"cols\"><section><h2>Accelerator</h2>\n");
        keyValues(h, ResultTables.accelerator(a));
        h.append("</section><section><h2>Network totals</h2>\n");
        keyValues(h, totals);
        h.append("</section></div>\n");

        h.append("<h2>Charts</h2>\n");
        for (int i = 0; i < charts.size(); i++) {
            ChartFiles c = charts.get(i);
            boolean wide = c.svgElement().contains("viewBox=\"0 0 ") && widthOf(c.svgElement()) > 1300;
            h.append("<figure").append(wide ? " class=\"wide\"" : "").append(">\n").append(c.svgElement())
                    .append("\n<figcaption>").append(Html.esc(captions.get(i))).append(" Data: <code>")
                    .append(Html.esc(c.csv().getFileName().toString())).append("</code></figcaption>\n</figure>\n");
        }

        h.append("<h2>Per-layer results</h2>\n<div class=\"scroll\">\n");
        table(h, ResultTables.layers(run.layers()));
        h.append("</div>\n");

        h.append("<h2>Provenance</h2>\n");
        keyValues(h, ResultTables.provenance(run.provenance()));
        h.append("<footer>Generated by sasim ").append(Html.esc(run.provenance().sasimVersion()))
                .append(". Cycles are array clock cycles; bytes are DRAM/SRAM bytes at the datatype's word size.")
                .append("</footer>\n</body>\n</html>\n");
        return h.toString();
    }

    private static int widthOf(String svg) {
        int i = svg.indexOf("viewBox=\"0 0 ") + "viewBox=\"0 0 ".length();
        int j = svg.indexOf(' ', i);
        return (int) Double.parseDouble(svg.substring(i, j));
    }

    private static void card(StringBuilder h, String value, String label) {
        h.append("<div class=\"card\"><b>").append(Html.esc(value)).append("</b><span>").append(Html.esc(label))
                .append("</span></div>\n");
    }

    private static void keyValues(StringBuilder h, Map<String, Object> m) {
        h.append("<table class=\"kv\">\n");
        m.entrySet().forEach(e ->
                h.append("<tr><td>").append(Html.esc(e.getKey())).append("</td><td class=\"n\">")
                        .append(Html.esc(cell(e.getValue()))).append("</td></tr>\n"));
        h.append("</table>\n");
    }

    static void table(StringBuilder h, Table t) {
        h.append("<table id=\"layers\">\n<thead><tr>");
        for (var c : t.columns()) {
            h.append("<th title=\"").append(Html.esc(c.description())).append("\">").append(Html.esc(c.name()))
                    .append("</th>");
        }
        h.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : t.rows()) {
            h.append("<tr>");
            for (Object o : row) {
                h.append(o instanceof String ? "<td>" : "<td class=\"n\">").append(Html.esc(cell(o)))
                        .append("</td>");
            }
            h.append("</tr>\n");
        }
        h.append("</tbody>\n</table>\n");
    }

    private static String cell(Object o) {
        if (o instanceof Double d) {
            if (!Double.isFinite(d)) {
                return d.isNaN() ? "n/a" : "unlimited";
            }
            return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%,.1f" : "%.3f", d);
        }
        if (o instanceof Long || o instanceof Integer) {
            return String.format(Locale.ROOT, "%,d", ((Number) o).longValue());
        }
        return String.valueOf(o);
    }
}
