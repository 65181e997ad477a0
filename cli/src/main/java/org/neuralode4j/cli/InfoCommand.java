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
import org.neuralode4j.model.ModelSpec;
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
        description = {"Describe a model file: tensors, parameter count, architecture and training provenance. "
                + "Reads any safetensors file, including ones written by PyTorch.", "",
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
        describeModel(out, file.metadata());
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

    /** A readable summary of a neuralode model file: architecture, solver, training provenance. */
    private static void describeModel(PrintWriter out, Map<String, String> metadata) {
        if (!ModelSpec.FORMAT.equals(metadata.get("format"))) {
            return;
        }
        ModelSpec m;
        try {
            m = ModelSpec.fromMetadata(metadata);
        } catch (RuntimeException e) {
            out.println("model: unreadable spec (" + e.getMessage() + ")");
            return;
        }
        StringBuilder in = new StringBuilder("z");
        if (m.augment() > 0) {
            in.append(" + ").append(m.augment()).append(" augmented");
        }
        if (m.timeDependent()) {
            in.append(", t");
        }
        if (m.inputDim() > 0) {
            in.append(", u(t) [").append(m.inputDim()).append(", ").append(m.inputInterpolation().name().toLowerCase(
                    java.util.Locale.ROOT)).append("]");
        }
        StringBuilder layers = new StringBuilder().append(m.networkInputDim());
        for (int h : m.hidden()) {
            layers.append(" → ").append(h);
        }
        layers.append(" → ").append(m.fieldDim());
        out.printf("model: %s, dz/dt = MLP(%s), layers %s, %s%n", m.kind().id(), in, layers,
                m.activation().name().toLowerCase(java.util.Locale.ROOT));
        out.printf("solver: %s, rtol %s, atol %s, gradient %s%n", m.method(), Numbers.format(m.rtol()), Numbers.format(m.atol()),
                m.gradient().shortName());
        Map<String, String> p = TrainingMetadata.provenance(metadata);
        if (!p.isEmpty()) {
            out.printf("trained: on %s (states %s%s), %s iterations, final loss %s%s, %s%n",
                    p.getOrDefault(TrainingMetadata.DATA_FILE, "?"), p.getOrDefault(TrainingMetadata.STATE_COLUMNS, "?"),
                    p.getOrDefault(TrainingMetadata.INPUT_COLUMNS, "").isEmpty() ? ""
                            : "; inputs " + p.get(TrainingMetadata.INPUT_COLUMNS),
                    p.getOrDefault(TrainingMetadata.ITERATIONS, "?"), p.getOrDefault(TrainingMetadata.FINAL_LOSS, "?"),
                    p.containsKey(TrainingMetadata.VALIDATION_LOSS) ? ", validation loss " + p.get(TrainingMetadata.VALIDATION_LOSS)
                            : "", p.getOrDefault(TrainingMetadata.DATE, "date unknown"));
        }
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 197) + "...";
    }
}
