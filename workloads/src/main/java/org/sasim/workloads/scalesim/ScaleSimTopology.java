package org.sasim.workloads.scalesim;

import java.util.ArrayList;
import java.util.List;
import org.sasim.simulator.mapping.ScaleSimLayer;
import org.sasim.workloads.input.Problems;
import org.sasim.workloads.input.SourceText;

/**
 * Parses SCALE-Sim v2 topology CSVs. The first non-blank line is the header; each further non-blank line is a
 * layer, with an optional trailing comma:
 * <ul>
 *   <li>conv: {@code name, IFMAP H, IFMAP W, Filter H, Filter W, Channels, Num Filter, Stride[, Column Stride]}
 *       (the IFMAP already padded);</li>
 *   <li>GEMM ({@code --gemm}): {@code name, M, N, K}, meaning an M x K IFMAP, a 1 x K filter, 1 channel and N
 *       filters.</li>
 * </ul>
 * Blank lines are skipped. Every problem is positioned at its field ({@code FILE:LINE:COLUMN}).
 */
public final class ScaleSimTopology {
    private static final String[] CONV_FIELDS = {"IFMAP Height", "IFMAP Width", "Filter Height", "Filter Width",
        "Channels", "Num Filter", "Strides", "Column Stride"};
    private static final String[] GEMM_FIELDS = {"M", "N", "K"};
    /** Larger extents overflow the GEMM sizes sasim keeps in ints. */
    private static final long MAX_EXTENT = 1 << 24;

    private ScaleSimTopology() {
    }

    /** A field of a CSV line and its 1-based column. */
    private record Cell(String text, int column) {
    }

    /** Parses a topology; returns null when there were problems (all recorded). */
    public static List<ScaleSimLayer> parse(SourceText src, boolean gemm, Problems problems) {
        List<String> lines = src.lines();
        List<ScaleSimLayer> layers = new ArrayList<>();
        boolean header = true;
        int before = problems.count();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<Cell> cells = cells(line);
            if (header) {
                header = false;
                if (cells.size() > 1 && cells.get(1).text().matches("[0-9]+")) {
                    problems.add(src.at(i + 1, 1), "", "the first line must be the header (e.g. 'Layer name, "
                            + (gemm ? "M, N, K," : "IFMAP Height, ...") + "'); this looks like a layer", null);
                }
                continue;
            }
            ScaleSimLayer l = gemm ? gemmRow(src, i + 1, cells, problems) : convRow(src, i + 1, cells, problems);
            if (l != null) {
                layers.add(l);
            }
        }
        if (problems.count() == before && layers.isEmpty()) {
            problems.add(src.at(Math.max(1, lines.size()), 1), "", "the topology has no layers", null);
        }
        return problems.count() == before ? layers : null;
    }

    /** Splits at commas; drops one empty field after a trailing comma. */
    private static List<Cell> cells(String line) {
        List<Cell> out = new ArrayList<>();
        int start = 0;
        while (true) {
            int comma = line.indexOf(',', start);
            String raw = comma < 0 ? line.substring(start) : line.substring(start, comma);
            int lead = raw.length() - raw.stripLeading().length();
            out.add(new Cell(raw.strip(), start + lead + 1));
            if (comma < 0) {
                break;
            }
            start = comma + 1;
        }
        if (out.size() > 1 && out.get(out.size() - 1).text().isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    private static ScaleSimLayer convRow(SourceText src, int line, List<Cell> c, Problems problems) {
        if (c.size() != 8 && c.size() != 9) {
            problems.add(src.at(line, 1), "", "a conv layer has 8 fields (name, IFMAP Height, IFMAP Width, Filter"
                    + " Height, Filter Width, Channels, Num Filter, Strides) and an optional 9th (column stride);"
                    + " found " + c.size() + " (use --gemm for 'Layer, M, N, K' topologies)", null);
            return null;
        }
        String name = name(src, line, c.get(0), problems);
        long[] v = new long[8];
        boolean ok = name != null;
        for (int k = 1; k < c.size(); k++) {
            Long x = positive(src, line, c.get(k), CONV_FIELDS[k - 1], problems);
            ok &= x != null;
            v[k - 1] = x == null ? 0 : x;
        }
        if (!ok) {
            return null;
        }
        long sw = c.size() == 9 ? v[7] : v[6];
        if (v[2] > v[0] || v[3] > v[1]) {
            problems.add(src.at(line, c.get(3).column()), name, "filter " + v[2] + "x" + v[3]
                    + " is larger than the IFMAP " + v[0] + "x" + v[1], null);
            return null;
        }
        long eh = (v[0] - v[2] + v[6] + v[6] - 1) / v[6];
        long ew = (v[1] - v[3] + sw + sw - 1) / sw;
        if (eh * ew > Integer.MAX_VALUE || v[2] * v[3] * v[4] > Integer.MAX_VALUE) {
            problems.add(src.at(line, 1), name, "layer too large: its GEMM exceeds 2^31 rows or reduction length",
                    null);
            return null;
        }
        return new ScaleSimLayer(name, (int) v[0], (int) v[1], (int) v[2], (int) v[3], (int) v[4], (int) v[5],
                (int) v[6], (int) sw);
    }

    private static ScaleSimLayer gemmRow(SourceText src, int line, List<Cell> c, Problems problems) {
        if (c.size() != 4) {
            problems.add(src.at(line, 1), "", "a GEMM layer has 4 fields (Layer, M, N, K); found " + c.size(),
                    null);
            return null;
        }
        String name = name(src, line, c.get(0), problems);
        long[] v = new long[3];
        boolean ok = name != null;
        for (int k = 1; k < 4; k++) {
            Long x = positive(src, line, c.get(k), GEMM_FIELDS[k - 1], problems);
            ok &= x != null;
            v[k - 1] = x == null ? 0 : x;
        }
        if (!ok) {
            return null;
        }
        // M x K IFMAP, 1 x K filter, 1 channel, N filters, stride 1: output M x 1, GEMM M x N x K.
        return new ScaleSimLayer(name, (int) v[0], (int) v[2], 1, (int) v[2], 1, (int) v[1], 1, 1);
    }

    private static String name(SourceText src, int line, Cell c, Problems problems) {
        if (c.text().isEmpty()) {
            problems.add(src.at(line, c.column()), "Layer name", "is empty", null);
            return null;
        }
        return c.text();
    }

    private static Long positive(SourceText src, int line, Cell c, String field, Problems problems) {
        try {
            long v = Long.parseLong(c.text());
            if (v < 1 || v > MAX_EXTENT) {
                problems.add(src.at(line, c.column()), field, "out of range: must be in 1.." + MAX_EXTENT, c.text());
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            problems.add(src.at(line, c.column()), field, c.text().isEmpty() ? "is empty" : "expected an integer",
                    c.text().isEmpty() ? null : c.text());
            return null;
        }
    }
}
