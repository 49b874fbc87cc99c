package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Path;
import org.sasim.simulator.arch.Accelerator;

/**
 * A design question answered with numbers: builds its network variants, simulates them, and writes its charts (PNG,
 * SVG and CSV each) and a {@code summary.md} stating the measured conclusion. To add one, write a class and add one
 * line to {@link Studies}.
 */
public interface Study {
    /** Command-line name, e.g. {@code kernel-size}. */
    String name();

    /** One line for {@code sasim study --list}. */
    String description();

    /**
     * Runs the study.
     *
     * @param accelerator the accelerator to study on (array size and dataflow sweeps vary it)
     * @param dir         output directory; created if missing
     */
    StudyResult run(Accelerator accelerator, Path dir) throws IOException;
}
