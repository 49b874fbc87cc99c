package org.sasim.reports.study;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sasim.simulator.arch.Accelerator;

/**
 * Regenerates the README figures: runs every registered study on the default accelerator into
 * {@code WORK_DIR/NAME/} and copies each study's headline chart to {@code FIGURES_DIR/NAME.png} (and its CSV), so
 * the pictures always come from the current code. Called by {@code docs/make-figures.sh}.
 */
public final class StudyFigures {
    private StudyFigures() {
    }

    /** Arguments: FIGURES_DIR WORK_DIR [STUDY...]; no study names means all. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: StudyFigures FIGURES_DIR WORK_DIR [STUDY...]");
            System.exit(2);
        }
        Path figures = Path.of(args[0]);
        Path work = Path.of(args[1]);
        Files.createDirectories(figures);
        Accelerator a = Studies.defaultAccelerator();
        var names = args.length > 2 ? java.util.Arrays.asList(args).subList(2, args.length)
                : Studies.all().stream().map(Study::name).toList();
        for (String name : names) {
            long t0 = System.nanoTime();
            StudyResult r = Studies.run(name, a, work.resolve(name));
            Files.copy(r.headline().png(), figures.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
            Files.copy(r.headline().csv(), figures.resolve(name + ".csv"), StandardCopyOption.REPLACE_EXISTING);
            System.out.printf("%s: %s (%.1f s)%n", name, figures.resolve(name + ".png"),
                    (System.nanoTime() - t0) / 1e9);
        }
    }
}
