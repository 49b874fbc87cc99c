package org.sasim.reports.run;

import java.nio.file.Path;

/**
 * A result file that cannot be read back: names the file, the line (0 when unknown or not line-based) and the field,
 * as {@code FILE:LINE: field: what is wrong}.
 */
public final class RunFileException extends Exception {
    private final transient Path file;
    private final long line;
    private final String field;

    /**
     * @param file  the file
     * @param line  1-based line, or 0 when the problem has no line (a missing file, a JSON field)
     * @param field column or dotted JSON field, or null for the whole file
     * @param what  what is wrong, with the offending value where there is one
     */
    public RunFileException(Path file, long line, String field, String what) {
        super(file + (line > 0 ? ":" + line : "") + ": " + (field == null ? "" : field + ": ") + what);
        this.file = file;
        this.line = line;
        this.field = field;
    }

    /** The file at fault. */
    public Path file() {
        return file;
    }

    /** The 1-based line, or 0. */
    public long line() {
        return line;
    }

    /** The column or field, or null. */
    public String field() {
        return field;
    }
}
