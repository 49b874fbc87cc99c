package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.simulator.arch.Dataflow;

/** The registry of built-in studies: adding a study is one class and one line in {@link #ALL}. */
public final class Studies {
    /** All studies, in the order {@code sasim study --list} shows them. */
    private static final List<Study> ALL = List.of(
            new KernelSizeStudy(),
            new BottleneckStudy(),
            new FcVsGapStudy(),
            new PoolingVsStridedStudy(),
            new SparsityStudy(),
            new RooflineStudy(),
            new DataflowArrayStudy(),
            new DramStallsStudy());

    private Studies() {
    }

    /** The accelerator used when none is given: SCALE-Sim's default 32x32 output-stationary array, 10 bytes/cycle. */
    public static Accelerator defaultAccelerator() {
        return Accelerator.scaleSim(32, 32, Dataflow.OUTPUT_STATIONARY);
    }

    /** Every registered study. */
    public static List<Study> all() {
        return ALL;
    }

    /** The named study; the message lists the valid names. */
    public static Study named(String name) {
        return ALL.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown study '" + name + "' (expected one of "
                        + String.join(", ", ALL.stream().map(Study::name).toList()) + ")"));
    }

    /** Runs the named study on {@code accelerator}, writing into {@code dir}. */
    public static StudyResult run(String name, Accelerator accelerator, Path dir) throws IOException {
        return named(name).run(accelerator, dir);
    }
}
