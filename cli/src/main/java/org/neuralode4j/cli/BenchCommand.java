package org.neuralode4j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code neuralode bench}: benchmarks whose output lines up with the peer baselines in the project's bench folder. */
@Command(name = "bench",
        mixinStandardHelpOptions = true,
        subcommands = {BenchSpiralCommand.class},
        description = {
            "Benchmarks that print one JSON line per run, with the keys of the peer baselines "
                + "(torchdiffeq), so both are compared line by line on one machine.",
            "",
            "Example:  neuralode bench spiral --iterations 2000 --gradient adjoint --seed 0"
        })
public final class BenchCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing benchmark: see the list above");
    }
}
