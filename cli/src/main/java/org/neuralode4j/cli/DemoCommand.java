package org.neuralode4j.cli;

import picocli.CommandLine.Command;

/** {@code neuralode demo}: showcase runs; {@code demo spiral} is the README's first command. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Showcase runs that need no data of your own.", "",
            "Example:  neuralode demo spiral"},
        subcommands = {DemoSpiralCommand.class})
public final class DemoCommand implements Runnable {
    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new picocli.CommandLine.ParameterException(spec.commandLine(), "Missing demo: choose one of "
                + spec.commandLine().getSubcommands().keySet());
    }
}
