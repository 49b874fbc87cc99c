package org.sasim.workloads.input;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.sasim.workloads.cli.UserError;

/**
 * Collects every problem found in one or more input files, so that the user sees all of them at once instead of
 * fixing one per run. Each problem is a line {@code FILE:LINE:COLUMN: field.path: what is wrong (got X)}; duplicates
 * (the same problem found again, e.g. once per sweep point) are kept once.
 */
public final class Problems {
    /** More than this many problems says nothing new; stop listing so that garbage input stays readable. */
    private static final int MAX_REPORTED = 200;

    private final Set<String> lines = new LinkedHashSet<>();
    private final java.util.Map<String, Position> positions = new java.util.HashMap<>();
    private int dropped;

    /**
     * Records a problem.
     *
     * @param at    where (file, 1-based line and column)
     * @param field dotted field path, e.g. {@code accelerator.rows}; empty when the problem is not about a field
     * @param what  what is wrong, phrased for the user
     * @param got   the offending value as the user wrote it, or null when there is nothing to show
     */
    public void add(Position at, String field, String what, String got) {
        StringBuilder sb = new StringBuilder(at.toString()).append(": ");
        if (field != null && !field.isEmpty()) {
            sb.append(field).append(": ");
        }
        sb.append(what);
        if (got != null) {
            sb.append(" (got ").append(Printable.of(got)).append(')');
        }
        if (lines.size() < MAX_REPORTED) {
            lines.add(sb.toString());
            positions.putIfAbsent(sb.toString(), at);
        } else if (!lines.contains(sb.toString())) {
            dropped++;
        }
    }

    /** True when no problem has been recorded. */
    public boolean isEmpty() {
        return lines.isEmpty();
    }

    /** Number of distinct problems recorded (including those dropped from the listing). */
    public int count() {
        return lines.size() + dropped;
    }

    /** The problem lines by file, line and column (problems at one place in the order found). */
    public List<String> lines() {
        List<String> out = new ArrayList<>(lines);
        out.sort(java.util.Comparator.comparing((String l) -> positions.get(l).file())
                .thenComparingInt(l -> positions.get(l).line()).thenComparingInt(l -> positions.get(l).column()));
        if (dropped > 0) {
            out.add("... and " + dropped + " more problems");
        }
        return out;
    }

    /** Throws a {@link UserError} listing every problem, if there is any. */
    public void throwIfAny() {
        if (!isEmpty()) {
            throw new UserError(lines());
        }
    }
}
