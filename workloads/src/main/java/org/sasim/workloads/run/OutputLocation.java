package org.sasim.workloads.run;

import java.nio.file.Path;
import org.sasim.workloads.spec.Workload;

/** Where a command writes: {@code -o DIR}, else the workload's {@code output.dir}, else {@code ./out/<name>}. */
public final class OutputLocation {
    /** The default parent folder, relative to the working directory. */
    public static final Path DEFAULT_PARENT = Path.of("out");

    private OutputLocation() {
    }

    /** The output directory for {@code workload}, given the command's {@code -o} value (or null). */
    public static Path of(Path option, Workload workload) {
        if (option != null) {
            return option;
        }
        if (workload.output().dir() != null) {
            return workload.output().dir();
        }
        // The name is free text: keep it one plain folder name.
        String n = workload.name().replaceAll("[^A-Za-z0-9._-]", "_");
        return DEFAULT_PARENT.resolve(n.isEmpty() || n.startsWith(".") ? "_" + n : n);
    }
}
