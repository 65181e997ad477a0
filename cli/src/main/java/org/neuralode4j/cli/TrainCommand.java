package org.neuralode4j.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuralode4j.cli.io.CsvColumns;
import org.neuralode4j.cli.io.CsvTimeSeriesReader;
import org.neuralode4j.cli.progress.Progress;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.model.ModelSpec;
import org.neuralode4j.model.NeuralOde;
import org.neuralode4j.nn.Activation;
import org.neuralode4j.nn.Losses;
import org.neuralode4j.ode.SolveOptions;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.optim.Adam;
import org.neuralode4j.optim.AdamW;
import org.neuralode4j.optim.Optimizer;
import org.neuralode4j.optim.RMSprop;
import org.neuralode4j.optim.SGD;
import org.neuralode4j.sensitivity.Gradient;
import org.neuralode4j.train.IterationEvent;
import org.neuralode4j.train.ModelLoss;
import org.neuralode4j.train.Trainer;
import org.neuralode4j.train.TrainingListener;
import org.neuralode4j.train.TrainingResult;
import org.neuralode4j.train.ValidationEvent;
import org.neuralode4j.train.Xoshiro256StarStar;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuralode train}: fits a neural ODE dz/dt = MLP([z, (t), (u(t))]) to the trajectories of a
 * CSV file (irregular times, several trajectories, optional inputs), with validation, checkpoints and
 * resume, and writes a model file holding the weights, the architecture, the standardization and
 * the training provenance.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a neural ODE on sampled trajectories from a CSV file.", "",
            "CSV: a header row; a time column (--time); state columns (--state, default: every other numeric "
                + "column); an optional trajectory-id column (--trajectory, default 'trajectory' when present); "
                + "optional input columns (--input). Rows in any order, irregular times.", "",
            "Example:",
            "  neuralode train --data lv.csv --hidden 64 --layers 2 --iterations 500 \\",
            "      --validate-after 8 --out lv.safetensors --plot out"})
public final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Training data.")
    private Path data;

    @Option(names = "--time", defaultValue = "t", paramLabel = "COLUMN", description = "Time column (default: ${DEFAULT-VALUE}).")
    private String timeColumn;

    @Option(names = "--state", split = ",", paramLabel = "COLUMN", description = "State columns (default: every numeric column that is not time, trajectory or input).")
    private List<String> stateColumns;

    @Option(names = "--trajectory", paramLabel = "COLUMN", description = "Trajectory-id column (default: 'trajectory' when present).")
    private String trajectoryColumn;

    @Option(names = "--input", split = ",", paramLabel = "COLUMN", description = "Exogenous input columns u(t).")
    private List<String> inputColumns = new ArrayList<>();

    @Option(names = "--hidden", defaultValue = "64", description = "Width of each hidden layer (default: ${DEFAULT-VALUE}).")
    private int hidden;

    @Option(names = "--layers", defaultValue = "2", description = "Number of hidden layers (default: ${DEFAULT-VALUE}).")
    private int layers;

    @Option(names = "--activation", defaultValue = "tanh", description = "tanh, softplus, relu, elu, gelu or sigmoid (default: ${DEFAULT-VALUE}).")
    private String activation;

    @Option(names = "--augment", defaultValue = "0", description = "Extra zero-initialized state channels (augmented NODE; default: ${DEFAULT-VALUE}).")
    private int augment;

    @Option(names = "--time-dependent", description = "Feed t to the network (a non-autonomous field).")
    private boolean timeDependent;

    @Option(names = "--method", defaultValue = "dopri5",
            description = "Solver: an explicit method (dopri5, tsit5, dopri5-shampine, ...) or a stiff one (rodas5p, kvaerno5, ...) (default: ${DEFAULT-VALUE}).")
    private String method;

    @Option(names = "--rtol", defaultValue = "1e-6", description = "Relative tolerance (default: ${DEFAULT-VALUE}).")
    private double rtol;

    @Option(names = "--atol", defaultValue = "1e-8", description = "Absolute tolerance (default: ${DEFAULT-VALUE}).")
    private double atol;

    @Option(names = "--gradient", defaultValue = "adjoint", description = "direct, adjoint, checkpointed or recursive (default: ${DEFAULT-VALUE}).")
    private String gradient;

    @ArgGroup(exclusive = true)
    private Length length = new Length();

    /** --iterations or --epochs. */
    static final class Length {
        @Option(names = "--iterations", description = "Training iterations (default: " + DEFAULT_ITERATIONS + ").")
        private Integer iterations;

        @Option(names = "--epochs", description = "Passes over all windows (iterations = epochs × windows / batch size).")
        private Integer epochs;
    }

    /** Iterations when neither --iterations nor --epochs is given. */
    private static final int DEFAULT_ITERATIONS = 300;

    @Option(names = "--batch-size", defaultValue = "16", description = "Windows per iteration (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--batch-time", defaultValue = "10", description = "Samples per window (default: ${DEFAULT-VALUE}).")
    private int batchTime;

    @Option(names = "--lr", defaultValue = "1e-2", description = "Learning rate (default: ${DEFAULT-VALUE}).")
    private double lr;

    @Option(names = "--optimizer", defaultValue = "adam", description = "adam, adamw, rmsprop or sgd (default: ${DEFAULT-VALUE}).")
    private String optimizer;

    @Option(names = "--seed", defaultValue = "0", description = "Seed of the weights and batches (default: ${DEFAULT-VALUE}).")
    private long seed;

    @ArgGroup(exclusive = true)
    private Validation validation = new Validation();

    /** How to hold out validation data. */
    static final class Validation {
        @Option(names = "--validate-after", paramLabel = "T", description = "Validate on the samples after time T (train on the past).")
        private Double after;

        @Option(names = "--validate-fraction", paramLabel = "F", description = "Hold out a fraction F of the trajectories (or of each one's time span when there is one).")
        private Double fraction;
    }

    @Option(names = "--validate-every", defaultValue = "50", description = "Validation interval in iterations (default: ${DEFAULT-VALUE}).")
    private int validateEvery;

    @Option(names = "--out", defaultValue = "model.safetensors", paramLabel = "MODEL", description = "Model file (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--checkpoint", paramLabel = "FILE", description = "Write a checkpoint here every --checkpoint-every iterations.")
    private Path checkpoint;

    @Option(names = "--checkpoint-every", defaultValue = "50", description = "Checkpoint interval (default: ${DEFAULT-VALUE}).")
    private int checkpointEvery;

    @Option(names = "--resume", description = "Continue from --checkpoint instead of starting over.")
    private boolean resume;

    @Option(names = "--plot", paramLabel = "DIR", description = "Write train.png (data and model) and loss.png here.")
    private Path plotDir;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        TimeSeriesDataset all = CsvTimeSeriesReader.read(data, new CsvColumns(timeColumn, stateColumns, trajectoryColumn,
                inputColumns));
        TimeSeriesDataset.Split split = split(all);
        TimeSeriesDataset trainRaw = split == null ? all : split.train();
        Standardization st = Standardization.fit(trainRaw);
        TimeSeriesDataset train = st.apply(trainRaw);
        TimeSeriesDataset validationSet = split == null ? null : st.apply(split.validation());

        Gradient g = OptionErrors.reportAs("--gradient", () -> Gradient.fromName(gradient));
        Activation act = OptionErrors.reportAs("--activation", () -> Activation.fromName(activation));
        OptionErrors.reportAs("--method/--rtol/--atol",
                () -> SolveOptions.builder().method(method).rtol(rtol).atol(atol).build());
        int[] widths = new int[layers];
        java.util.Arrays.fill(widths, hidden);
        ModelSpec modelSpec = ModelSpec.mlp(all.dim()).hidden(widths).activation(act).augment(augment)
                .inputs(all.inputDim()).timeDependent(timeDependent).method(method).rtol(rtol).atol(atol)
                .gradient(g).standardization(st).build();
        // iterations before the windows are counted: with --epochs, at most one window starts at each sample
        long plannedIterations = length.epochs != null
                ? (long) Math.ceil((double) length.epochs * train.sampleCount() / batchSize)
                : length.iterations != null ? length.iterations : DEFAULT_ITERATIONS;
        if (layers == 1 && act == Activation.TANH) {
            // the one-hidden-layer tanh network is the one NarrowMlp's kernels run (up to 4 features)
            KernelChoice.forTraining(plannedIterations, batchSize, hidden, g);
        }
        NeuralOde model = modelSpec.build(new Xoshiro256StarStar(seed));
        ModelLoss loss = new ModelLoss(model, train, batchSize, batchTime, modelSpec.inputInterpolation(), timeDependent,
                Losses::mse);
        int iterations = iterations(loss.windowCount());

        PrintWriter err = spec.commandLine().getErr();
        if (!quiet && stateColumns == null) {
            // the states were taken as every other column: say which, before a wrong guess costs a training run
            err.printf(Locale.ROOT, "train: states %s%s from %s (every column but time, trajectory and --input; name "
                    + "them with --state)%n", all.stateNames(), all.inputNames().isEmpty() ? ""
                    : ", inputs " + all.inputNames(), data);
        }
        if (!quiet && batchSize > loss.windowCount() && spec.commandLine().getParseResult().hasMatchedOption("--batch-size")) {
            err.printf(Locale.ROOT, "train: --batch-size %d is more than the %d windows of %d samples in the data; every"
                    + " batch takes all %d%n", batchSize, loss.windowCount(), batchTime, loss.windowCount());
        }
        History history = new History();
        TrainingResult result;
        try (Progress progress = Progress.choose("train", iterations, quiet, err, Math.max(1, iterations / 20))) {
            Trainer.Builder b = Trainer.builder(model.parameters(), optimizer(model), loss).iterations(iterations)
                    .seed(seed).listener(history.with(progress));
            if (validationSet != null) {
                b.validation(it -> loss.evaluate(validationSet), validateEvery);
            }
            if (checkpoint != null) {
                b.checkpoints(checkpoint, checkpointEvery);
            }
            Trainer trainer = b.build();
            result = resume && checkpoint != null && Files.exists(checkpoint) ? trainer.resume(checkpoint) : trainer.fit();
        } catch (SolverException e) {
            throw new SolverFailure(e, "train");
        }
        double validationLoss = validationSet == null ? Double.NaN : loss.evaluate(validationSet);
        model.save(out, provenance(all, result, validationLoss));
        if (plotDir != null) {
            Files.createDirectories(plotDir);
            TrainPlots.write(plotDir, all, st, loss, history);
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "train: %d iterations in %.1f s; final training loss %.6g%s; model written to %s%n",
                    result.iterationsRun(), result.seconds(), result.lastLoss(),
                    Double.isNaN(validationLoss) ? "" : String.format(Locale.ROOT, ", validation loss %.6g", validationLoss),
                    out);
            err.flush();
        }
        return 0;
    }

    private void checkOptions() {
        OptionErrors.atLeast("--hidden", hidden, 1);
        OptionErrors.atLeast("--layers", layers, 1);
        OptionErrors.atLeast("--augment", augment, 0);
        OptionErrors.atLeast("--batch-size", batchSize, 1);
        OptionErrors.atLeast("--validate-every", validateEvery, 1);
        OptionErrors.atLeast("--checkpoint-every", checkpointEvery, 1);
        OptionErrors.atLeast("--batch-time", batchTime, 2);
        if (length.epochs != null) {
            OptionErrors.atLeast("--epochs", length.epochs, 1);
        }
        if (length.iterations != null) {
            OptionErrors.atLeast("--iterations", length.iterations, 1);
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new UsageException("--lr " + lr + " must be a finite learning rate > 0, e.g. 1e-3");
        }
        if (resume && checkpoint == null) {
            throw new UsageException("--resume needs --checkpoint FILE naming the checkpoint to continue from");
        }
        if (out.toAbsolutePath().getParent() != null && !Files.isDirectory(out.toAbsolutePath().getParent())) {
            throw new UsageException("--out " + out + ": the directory " + out.toAbsolutePath().getParent()
                    + " does not exist");
        }
    }

    private int iterations(int windows) {
        if (length.epochs != null) {
            // a batch takes at most every window
            return Math.max(1, (int) Math.ceil((double) length.epochs * windows / Math.min(batchSize, windows)));
        }
        return length.iterations == null ? DEFAULT_ITERATIONS : length.iterations;
    }

    private TimeSeriesDataset.Split split(TimeSeriesDataset all) {
        try {
            if (validation.after != null) {
                return all.splitByTime(validation.after);
            }
            if (validation.fraction != null) {
                return all.size() > 1 ? all.splitByTrajectory(validation.fraction, new Xoshiro256StarStar(seed ^ 0x5eed))
                        : all.splitByTimeFraction(validation.fraction);
            }
            return null;
        } catch (DataException e) {
            throw new UsageException((validation.after != null ? "--validate-after: " : "--validate-fraction: ")
                    + e.getMessage());
        }
    }

    private Optimizer optimizer(NeuralOde model) {
        return switch (optimizer.toLowerCase(Locale.ROOT)) {
            case "adam" -> new Adam(model.parameters(), lr);
            case "adamw" -> new AdamW(model.parameters(), lr);
            case "rmsprop" -> new RMSprop(model.parameters(), lr);
            case "sgd" -> new SGD(model.parameters(), lr);
            default -> throw new UsageException("--optimizer '" + optimizer + "' is unknown; use adam, adamw, rmsprop or sgd");
        };
    }

    private Map<String, String> provenance(TimeSeriesDataset all, TrainingResult result, double validationLoss) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(TrainingMetadata.DATA_FILE, data.toString());
        m.put(TrainingMetadata.TIME_COLUMN, timeColumn);
        m.put(TrainingMetadata.STATE_COLUMNS, TrainingMetadata.join(all.stateNames()));
        m.put(TrainingMetadata.INPUT_COLUMNS, TrainingMetadata.join(all.inputNames()));
        m.put(TrainingMetadata.TRAJECTORY_COLUMN, trajectoryColumn != null ? trajectoryColumn
                : (all.size() > 1 || hasDefaultTrajectoryColumn() ? "trajectory" : ""));
        m.put(TrainingMetadata.ITERATIONS, Integer.toString(result.iterations()));
        m.put(TrainingMetadata.FINAL_LOSS, Double.toString(result.lastLoss()));
        if (!Double.isNaN(validationLoss)) {
            m.put(TrainingMetadata.VALIDATION_LOSS, Double.toString(validationLoss));
        }
        m.put(TrainingMetadata.OPTIONS, String.join(" ", spec.commandLine().getParseResult().originalArgs()));
        m.put(TrainingMetadata.DATE, Instant.now().toString());
        try {
            m.put(TrainingMetadata.VERSION, new VersionProvider().getVersion()[0]);
        } catch (java.io.IOException e) {
            m.put(TrainingMetadata.VERSION, "unknown");
        }
        return m;
    }

    private boolean hasDefaultTrajectoryColumn() {
        try (var lines = Files.lines(data)) {
            return lines.findFirst().map(h -> List.of(h.split(",")).stream().map(String::trim)
                    .anyMatch("trajectory"::equals)).orElse(false);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    /** The loss history for the plots, and the bridge from training events to the progress display. */
    static final class History {
        final List<double[]> loss = new ArrayList<>();
        final List<double[]> validation = new ArrayList<>();

        TrainingListener with(Progress progress) {
            return new TrainingListener() {
                @Override
                public void onIteration(IterationEvent e) {
                    loss.add(new double[] {e.iteration(), e.loss()});
                    progress.update(e.iteration(), e.loss(), e.forwardEvaluations(), e.backwardEvaluations());
                }

                @Override
                public void onValidation(ValidationEvent e) {
                    validation.add(new double[] {e.iteration(), e.loss()});
                    progress.message(String.format(Locale.ROOT, "iteration %d: validation loss %.6g%s", e.iteration(),
                            e.loss(), e.improved() ? " (best so far)" : ""));
                }

                @Override
                public void onCheckpoint(int iteration, Path file) {
                    progress.message("iteration " + iteration + ": checkpoint written to " + file);
                }
            };
        }
    }
}
