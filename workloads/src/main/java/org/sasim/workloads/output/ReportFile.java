package org.sasim.workloads.output;

import java.io.IOException;
import java.io.OutputStream;

/**
 * One file of a report set: a plain file name (no folders) and the code that writes its content.
 *
 * @param name    file name, e.g. {@code COMPUTE_REPORT.csv}
 * @param content writes the bytes
 */
public record ReportFile(String name, Content content) {
    /** Writes a file's bytes. */
    @FunctionalInterface
    public interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    public ReportFile {
        // A name is a single path element, so a report can never land outside its directory.
        if (name == null || name.isEmpty() || name.equals(".") || name.equals("..") || name.startsWith(".")
                || name.contains("/") || name.contains("\\") || name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("report file name must be a plain file name, got '" + name + "'");
        }
    }

    /** A file holding the given text, UTF-8. */
    public static ReportFile text(String name, String text) {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        return new ReportFile(name, out -> out.write(bytes));
    }
}
