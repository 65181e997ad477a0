package org.neuralode4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.neuralode4j.io.SafetensorsFormatException;
import picocli.CommandLine;

/**
 * Turns exceptions into what a person at a terminal needs: one line on stderr saying what went
 * wrong, where, and what to do; exit code 2 for usage mistakes and 1 for failures. The stack trace
 * is printed only with {@code --verbose}.
 */
final class ErrorReporting {
    /** Exit code for failures (bad data, solver failure, I/O). */
    static final int FAILURE = 1;
    /** Exit code for usage mistakes (unknown option, bad option value). */
    static final int USAGE = 2;

    private ErrorReporting() {
    }

    /** Installs the handlers on a command line (and, through picocli, its subcommands). */
    static CommandLine install(CommandLine cl) {
        cl.setParameterExceptionHandler(ErrorReporting::onParameterException);
        // help text wraps at the terminal's width where it can be found (80 columns otherwise)
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler(ErrorReporting::onExecutionException);
        return cl;
    }

    private static int onParameterException(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        PrintWriter err = cl.getErr();
        err.println("neuralode: " + ex.getMessage());
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
        err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and an example.");
        err.flush();
        return USAGE;
    }

    private static int onExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = isVerbose(parsed);
        int code = ex instanceof UsageException ? USAGE : FAILURE;
        err.println("neuralode: " + describe(ex));
        if (code == USAGE) {
            err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for the options and an example.");
        }
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean isVerbose(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }

    /** One line for any exception: typed messages as they are, I/O errors with the path. */
    static String describe(Throwable ex) {
        Throwable e = ex instanceof UncheckedIOException && ex.getCause() != null ? ex.getCause() : ex;
        if (e instanceof NoSuchFileException f) {
            return f.getFile() + ": no such file or directory" + (f.getReason() != null && !f.getReason().equals("no such file")
                    ? " (" + f.getReason() + ")" : "");
        }
        if (e instanceof AccessDeniedException f) {
            return f.getFile() + ": permission denied; choose a path you can write to";
        }
        if (e instanceof FileSystemException f) {
            return f.getFile() + ": " + (f.getReason() != null ? f.getReason() : f.getClass().getSimpleName());
        }
        if (e instanceof SafetensorsFormatException) {
            return e.getMessage();
        }
        if (e instanceof IOException) {
            return "I/O error: " + e.getMessage();
        }
        String msg = e.getMessage();
        if (e instanceof NullPointerException || e instanceof ClassCastException
                || e instanceof IndexOutOfBoundsException || e instanceof ArithmeticException) {
            return "internal error (" + e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)
                    + "); rerun with --verbose and report it";
        }
        if (msg == null || msg.isBlank()) {
            return "internal error (" + e.getClass().getSimpleName() + "); rerun with --verbose and report it";
        }
        return msg.replace('\n', ' ');
    }
}
