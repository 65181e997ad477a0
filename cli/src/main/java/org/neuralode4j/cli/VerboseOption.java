package org.neuralode4j.cli;

import picocli.CommandLine.Option;

/** The {@code --verbose} option shared by every command: show stack traces for failures. */
public final class VerboseOption {
    @Option(names = "--verbose", description = "Print the stack trace of a failure (for bug reports).")
    boolean verbose;
}
