package org.neuralode4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.neuralode4j.io.DType;
import org.neuralode4j.io.Safetensors;
import org.neuralode4j.io.SafetensorsFile;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code neuralode info MODEL.safetensors}: what a model file holds — its tensors (name, type,
 * shape, count), the parameter total, and the metadata a training run stored (architecture,
 * normalization, options, provenance). Works on plain PyTorch safetensors files too.
 */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = {"Describe a model file: tensors, parameter count, architecture and training provenance.",
            "Reads any safetensors file, including ones written by PyTorch.", "",
            "Example:  neuralode info model.safetensors"})
public final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Parameters(index = "0", paramLabel = "MODEL", description = "A .safetensors file.")
    private Path model;

    @Override
    public Integer call() throws Exception {
        SafetensorsFile file = Safetensors.read(model);
        PrintWriter out = spec.commandLine().getOut();
        out.println("file: " + model);
        long total = 0;
        int nameWidth = 4;
        for (String name : file.tensors().keySet()) {
            nameWidth = Math.max(nameWidth, name.length());
        }
        out.printf("tensors (%d):%n", file.tensors().size());
        for (Map.Entry<String, Tensor> e : file.tensors().entrySet()) {
            Tensor t = e.getValue();
            DType type = file.dtypes().get(e.getKey());
            out.printf("  %-" + nameWidth + "s  %-4s  %-14s  %d%n", e.getKey(), type, Arrays.toString(t.shape()), t.numel());
            total += t.numel();
        }
        out.printf("parameters: %d%n", total);
        if (file.metadata().isEmpty()) {
            out.println("metadata: none (not written by neuralode; weights only)");
        } else {
            out.println("metadata:");
            for (Map.Entry<String, String> e : new TreeMap<>(file.metadata()).entrySet()) {
                out.printf("  %s = %s%n", e.getKey(), abbreviate(e.getValue()));
            }
        }
        out.flush();
        return 0;
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
