package org.sasim.workloads.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.sasim.models.graph.GraphException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions from a command into a message on stderr and an exit code; never prints a stack trace for input
 * problems. Anything unexpected is reported as an internal error with its message (stack trace only with
 * {@code SASIM_DEBUG=1}).
 */
final class UserErrorHandler implements IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        var err = cl.getErr();
        if (ex instanceof UserError ue) {
            for (String p : ue.problems()) {
                err.println("error: " + p);
            }
            err.flush();
            return SasimCommand.BAD_INPUT;
        }
        if (ex instanceof GraphException || ex instanceof IllegalArgumentException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return SasimCommand.BAD_INPUT;
        }
        if (ex instanceof IOException || ex instanceof UncheckedIOException) {
            err.println("error: I/O: " + ex.getMessage());
            err.flush();
            return SasimCommand.BAD_INPUT;
        }
        err.println("internal error (please report): " + ex);
        if ("1".equals(System.getenv("SASIM_DEBUG"))) {
            ex.printStackTrace(err);
        }
        err.flush();
        return SasimCommand.INTERNAL;
    }
}
