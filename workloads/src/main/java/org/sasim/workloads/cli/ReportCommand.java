package org.sasim.workloads.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.sasim.reports.ReportWriter;
import org.sasim.reports.run.NetworkRun;
import org.sasim.reports.run.ResultFilesReader;
import org.sasim.reports.run.RunFileException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sasim report RUN_DIR}: the HTML report of a run directory, from its result files. */
@Command(name = "report", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = "Reads RUN_DIR/layers.csv and RUN_DIR/summary.json (as 'sasim run' writes them) and writes "
                + "the self-contained RUN_DIR/report.html (inline SVG charts, no external assets) and its charts "
                + "under RUN_DIR/charts/.")
public final class ReportCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "RUN_DIR", description = "directory of a run")
    Path runDir;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(runDir)) {
            throw new UserError(runDir + ": " + (Files.exists(runDir) ? "not a directory" : "no such directory"));
        }
        NetworkRun run;
        try {
            run = ResultFilesReader.read(runDir);
        } catch (RunFileException e) {
            throw new UserError(e.getMessage());
        }
        Path html = ReportWriter.writeReport(run, runDir);
        var out = spec.commandLine().getOut();
        out.printf("%s on %s: %d layers, %,d cycles%n", run.model(), run.accelerator().name(), run.layers().size(),
                run.totals().totalCycles());
        out.println("wrote " + html);
        out.flush();
        return SasimCommand.OK;
    }
}
