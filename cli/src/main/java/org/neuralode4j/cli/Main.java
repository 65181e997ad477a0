package org.neuralode4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code neuralode} command: neural ordinary differential equations from the command line.
 * Usage errors exit with 2, failures with 1.
 */
@Command(name = "neuralode",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        subcommands = {DemoCommand.class, SimulateCommand.class, TrainCommand.class, PredictCommand.class, InfoCommand.class, BenchCommand.class},
        description = {
            "Neural ordinary differential equations on the JVM:",
            "fit dz/dt = f(t, z, θ) to measured trajectories and predict at any time.",
            "",
            "Start with:  neuralode demo spiral"
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Entry point; exits with the command's exit code. */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line in-process and returns its exit code (what tests call). */
    public static int execute(String... args) {
        return commandLine().execute(args);
    }

    /** The configured picocli command line. */
    public static CommandLine commandLine() {
        return ErrorReporting.install(new CommandLine(new Main()));
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: see the list above");
    }
}
