package org.sasim.workloads.spec;

import java.nio.file.Path;
import java.util.Set;

/**
 * Where and how to write results.
 *
 * @param dir     output directory, or null for the command's default ({@code -o} overrides it)
 * @param formats report formats
 */
public record OutputSpec(Path dir, Set<Format> formats) {
    public OutputSpec {
        formats = Set.copyOf(formats);
    }

    /** Report formats. */
    public enum Format { CSV, JSON }
}
