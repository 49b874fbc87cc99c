package org.sasim.workloads.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sasim.reports.chart.ChartFiles;
import org.sasim.reports.study.Studies;
import org.sasim.reports.study.Study;
import org.sasim.reports.study.StudyResult;
import org.sasim.simulator.arch.Accelerator;
import org.sasim.workloads.spec.AcceleratorPreset;
import org.sasim.workloads.spec.WorkloadLoader;
import org.sasim.workloads.spec.ZooCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim study NAME [-a ACCELERATOR] -o DIR} and {@code sasim study --list}. */
@Command(name = "study", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = {"Runs a built-in design study and writes its charts (PNG, SVG and a CSV of the plotted data "
                + "each) and summary.md, which states the measured conclusion in numbers.",
            "--list shows the studies."})
public final class StudyCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "study name (see --list)")
    String name;

    @Option(names = "--list", description = "list the studies and exit")
    boolean list;

    @Option(names = {"-a", "--accelerator"}, paramLabel = "ACCELERATOR",
            description = "accelerator YAML (the fields of a workload's accelerator section, at the top level or "
                    + "under 'accelerator:'; a preset with overrides works) or a preset name (scalesim-32x32-os, "
                    + "tpu-v1, ...); default: SCALE-Sim's 32x32 output-stationary array")
    String accelerator;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "output directory (default: out/NAME)")
    Path output;

    @Override
    public Integer call() throws IOException {
        var out = spec.commandLine().getOut();
        if (list) {
            for (Study s : Studies.all()) {
                out.printf("%-20s %s%n", s.name(), s.description());
            }
            out.flush();
            return SasimCommand.OK;
        }
        if (name == null) {
            throw new UserError("study: give a study NAME or --list (studies: " + String.join(", ",
                    Studies.all().stream().map(Study::name).toList()) + ")");
        }
        Study study = Studies.named(name);
        Accelerator acc = accelerator == null ? Studies.defaultAccelerator() : accelerator(accelerator);
        Path dir = output != null ? output : Path.of("out", study.name());
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UserError(dir + ": -o: not a directory");
        }
        // Studies simulate whole networks many times (seconds to minutes): say what is happening.
        var err = spec.commandLine().getErr();
        err.printf("study %s: simulating on %s...%n", study.name(), acc.name());
        err.flush();
        StudyResult r = study.run(acc, dir);
        out.printf("study %s on %s: %d charts (PNG, SVG, CSV) in %s%n", study.name(), acc.name(), r.charts().size(),
                dir);
        for (ChartFiles c : r.charts()) {
            out.println("  " + c.png().getFileName().toString().replaceFirst("\\.png$", ".{png,svg,csv}"));
        }
        out.println("conclusion: " + r.summary());
        out.flush();
        return SasimCommand.OK;
    }

    /** A preset name, or an accelerator YAML file read by the workload loader (positioned errors, exit 2). */
    static Accelerator accelerator(String arg) {
        Path file = Path.of(arg);
        AcceleratorPreset preset = AcceleratorPreset.byId(arg);
        if (!Files.exists(file) && preset != null) {
            return preset.accelerator();
        }
        return new WorkloadLoader(new ZooCatalog()).loadAccelerator(file);
    }
}
