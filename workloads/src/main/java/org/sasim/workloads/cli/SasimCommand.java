package org.sasim.workloads.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code sasim} command line. Exit codes: 0 success, 1 verification mismatch, 2 bad input (a clear message,
 * never a stack trace), 3 an internal error (a bug: the message asks for a report).
 */
@Command(name = "sasim", mixinStandardHelpOptions = true, versionProvider = SasimVersion.class,
        description = "Systolic-array ML-accelerator simulator.",
        subcommands = {CommandLine.HelpCommand.class, RunCommand.class, SweepCommand.class, VerifyCommand.class,
            ReportCommand.class, StudyCommand.class, ModelsCommand.class, ValidateCommand.class,
            ScaleSimCommand.class, BenchCommand.class})
public final class SasimCommand implements Runnable {
    /** Exit code for success. */
    public static final int OK = 0;
    /** Exit code when simulated results disagree with the reference. */
    public static final int MISMATCH = 1;
    /** Exit code for bad input: a workload, config, file or option that cannot be used. */
    public static final int BAD_INPUT = 2;
    /** Exit code for an internal error. */
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Builds the configured command line (used by {@link #main} and by tests). */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new SasimCommand());
        cl.setExecutionExceptionHandler(new UserErrorHandler());
        cl.setUsageHelpAutoWidth(true);
        return cl;
    }

    /** Runs with the given arguments and output streams; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = commandLine();
        cl.setOut(out);
        cl.setErr(err);
        return cl.execute(args);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
