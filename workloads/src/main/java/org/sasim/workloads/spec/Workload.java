package org.sasim.workloads.spec;

import java.nio.file.Path;
import java.util.List;
import org.sasim.simulator.arch.Accelerator;

/**
 * A loaded, validated workload: every value typed and checked, every path resolved.
 *
 * @param file        the workload file
 * @param name        workload label (the {@code name} key, else the file name without extension)
 * @param sha256      SHA-256 of the file's bytes, hex (provenance in reports)
 * @param simulation  simulation options
 * @param output      output settings
 * @param sweepFields swept field paths in sweep order (empty without a sweep)
 * @param points      the points to run: one without a sweep, else the cartesian product of the swept values
 */
public record Workload(Path file, String name, String sha256, SimulationOptions simulation, OutputSpec output,
                       List<String> sweepFields, List<SweepPoint> points) {
    public Workload {
        sweepFields = List.copyOf(sweepFields);
        points = List.copyOf(points);
        if (points.isEmpty()) {
            throw new IllegalArgumentException("a workload has at least one point");
        }
    }

    /** True when the workload has a {@code sweep} section. */
    public boolean isSweep() {
        return !sweepFields.isEmpty();
    }

    /** The model of the first (for a plain workload, the only) point. */
    public ModelSpec model() {
        return points.get(0).model();
    }

    /** The accelerator of the first (for a plain workload, the only) point. */
    public Accelerator accelerator() {
        return points.get(0).accelerator();
    }
}
