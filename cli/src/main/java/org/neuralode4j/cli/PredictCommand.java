package org.neuralode4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.cli.io.CsvColumns;
import org.neuralode4j.cli.io.CsvDataException;
import org.neuralode4j.cli.io.CsvTimeSeriesReader;
import org.neuralode4j.data.DataException;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.model.InputSignal;
import org.neuralode4j.model.ModelSpec;
import org.neuralode4j.model.SavedModel;
import org.neuralode4j.ode.SolverException;
import org.neuralode4j.tensor.Tensor;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code neuralode predict}: runs a trained model from an initial state at given times, or from the
 * first row of every trajectory of a CSV file at that trajectory's own times (with its inputs), and
 * writes {@code [trajectory,]t,<states>} CSV in the data's units.
 */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Predict trajectories with a trained model.", "",
            "Examples:",
            "  neuralode predict --model lv.safetensors --z0 1,1 --times 0:15:151 \\",
            "      --out pred.csv",
            "  neuralode predict --model buck.safetensors --data test.csv --out pred.csv"})
public final class PredictCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Mixin
    private VerboseOption verbose;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "Model file written by train.")
    private Path modelFile;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Source source;

    /** Where the initial states and times come from. */
    static final class Source {
        @ArgGroup(exclusive = false)
        private FromState fromState;

        @Option(names = "--data", paramLabel = "FILE.csv",
                description = "Predict every trajectory of this CSV from its first row, at its own times, with its inputs.")
        private Path data;
    }

    /** An explicit initial state and time grid. */
    static final class FromState {
        @Option(names = "--z0", required = true, paramLabel = "A,B,...", description = "Initial state, one value per state.")
        private String z0;

        @ArgGroup(exclusive = true, multiplicity = "1")
        private Times times;
    }

    /** The output times. */
    static final class Times {
        @Option(names = "--times", paramLabel = "T0:T1:N", description = "N evenly spaced times from T0 to T1.")
        private String grid;

        @Option(names = "--times-file", paramLabel = "FILE", description = "Times from a file (one per line, or a CSV with a t column).")
        private Path file;
    }

    @Option(names = "--time", paramLabel = "COLUMN", description = "Time column of --data (default: the one used in training).")
    private String timeColumn;

    @Option(names = "--trajectory", paramLabel = "COLUMN", description = "Trajectory-id column of --data (default: as in training, or 'trajectory' when present).")
    private String trajectoryColumn;

    @Option(names = "--out", paramLabel = "FILE.csv", description = "Output CSV (written atomically); stdout when absent.")
    private Path out;

    @Option(names = {"-q", "--quiet"}, description = "No summary on stderr.")
    private boolean quiet;

    @Override
    public Integer call() throws Exception {
        SavedModel saved = SavedModel.read(modelFile);
        ModelSpec modelSpec = saved.spec();
        Map<String, String> meta = saved.metadata();
        List<String> stateNames = TrainingMetadata.split(meta.get(TrainingMetadata.STATE_COLUMNS));
        if (stateNames.size() != modelSpec.stateDim()) {
            stateNames = defaultNames("z", modelSpec.stateDim());
        }
        long start = System.nanoTime();
        TimeSeriesDataset predictions;
        boolean trajectoryOut;
        try {
            if (source.data != null) {
                TimeSeriesDataset data = readData(meta, modelSpec);
                predictions = predictData(saved, data);
                trajectoryOut = data.size() > 1 || trajectoryColumnUsed;
                stateNames = data.stateNames();
            } else {
                predictions = predictFromState(saved, stateNames);
                trajectoryOut = false;
            }
        } catch (SolverException e) {
            throw new SolverFailure(e, "predict");
        }
        TimeSeriesDataset named = new TimeSeriesDataset(predictions.trajectories(), stateNames, List.of());
        CsvOutput.write(out, spec.commandLine().getOut(), named, trajectoryOut);
        if (!quiet) {
            PrintWriter err = spec.commandLine().getErr();
            err.printf(Locale.ROOT, "predict: %d %s, %d rows in %.3f s%n", named.size(),
                    named.size() == 1 ? "trajectory" : "trajectories", named.sampleCount(), (System.nanoTime() - start) / 1e9);
            err.flush();
        }
        return 0;
    }

    private boolean trajectoryColumnUsed;

    private TimeSeriesDataset readData(Map<String, String> meta, ModelSpec modelSpec) throws IOException {
        String time = timeColumn != null ? timeColumn : meta.getOrDefault(TrainingMetadata.TIME_COLUMN, "t");
        List<String> states = TrainingMetadata.split(meta.get(TrainingMetadata.STATE_COLUMNS));
        List<String> inputs = TrainingMetadata.split(meta.get(TrainingMetadata.INPUT_COLUMNS));
        List<String> header = CsvTimeSeriesReader.header(source.data);
        // the training data's trajectory column groups that file's rows; data without it is one trajectory
        String trainedTraj = emptyToNull(meta.get(TrainingMetadata.TRAJECTORY_COLUMN));
        String traj = trajectoryColumn != null ? trajectoryColumn
                : trainedTraj != null && header.contains(trainedTraj) ? trainedTraj : null;
        requireTrainedColumns(header, timeColumn != null ? List.of() : List.of(time), states, inputs);
        TimeSeriesDataset data;
        try {
            data = CsvTimeSeriesReader.read(source.data, new CsvColumns(time, states.isEmpty() ? null : states, traj,
                    inputs));
        } catch (CsvDataException e) {
            if (traj != null || trainedTraj == null) {
                throw e;
            }
            // several trajectories one after another, without the column that told them apart in training
            throw new DataException(e.getMessage() + "; the model was trained on data grouped by a '" + trainedTraj
                    + "' column, which " + source.data + " lacks: add it, or name another with --trajectory");
        }
        trajectoryColumnUsed = traj != null || data.size() > 1;
        if (data.dim() != modelSpec.stateDim()) {
            throw new UsageException(source.data + " has " + data.dim() + " state columns " + data.stateNames()
                    + " but the model was trained on " + modelSpec.stateDim() + "; select the states with --state in training");
        }
        if (data.inputDim() != modelSpec.inputDim()) {
            throw new UsageException(source.data + " has " + data.inputDim() + " input columns but the model expects "
                    + modelSpec.inputDim() + " " + inputs);
        }
        return data;
    }

    /** The columns the model was trained on must be in --data's header; names them when they are not. */
    private void requireTrainedColumns(List<String> header, List<String> time, List<String> states, List<String> inputs) {
        List<String> missing = new ArrayList<>();
        for (List<String> names : List.of(time, states, inputs)) {
            for (String n : names) {
                if (!header.contains(n)) {
                    missing.add(n);
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new UsageException("--data " + source.data + ": its header " + header + " lacks " + missing
                    + ", which the model was trained on (" + (time.isEmpty() ? "" : "time " + time.get(0) + ", ")
                    + "states " + states + (inputs.isEmpty() ? "" : ", inputs " + inputs)
                    + "); predict needs data with the training data's columns (the time column can be renamed with --time)");
        }
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private TimeSeriesDataset predictData(SavedModel saved, TimeSeriesDataset data) {
        Standardization st = standardization(saved.spec());
        TimeSeriesDataset scaled = st.apply(data);
        List<Trajectory> out = new ArrayList<>();
        for (Trajectory tr : scaled.trajectories()) {
            Tensor z0 = Tensor.fromArray(tr.state(0), 1, tr.dim());
            double[] times = tr.times();
            Tensor pred = Autodiff.noGrad(() -> tr.hasInputs()
                    ? saved.model().forward(z0, times, InputSignal.of(tr, saved.spec().inputInterpolation()))
                    : saved.model().forward(z0, times));
            out.add(restore(tr.id(), times, pred, st));
        }
        return new TimeSeriesDataset(out, data.stateNames(), List.of());
    }

    private TimeSeriesDataset predictFromState(SavedModel saved, List<String> names) throws IOException {
        ModelSpec modelSpec = saved.spec();
        if (modelSpec.inputDim() > 0) {
            throw new UsageException("the model is driven by " + modelSpec.inputDim() + " input(s) u(t); predict with "
                    + "--data FILE.csv holding the input columns");
        }
        int dim = modelSpec.stateDim();
        double[] z0 = Numbers.parseList("--z0", source.fromState.z0, dim,
                dim + " state" + (dim == 1 ? "" : "s") + " (" + String.join(", ", names) + ")", false);
        double[] times = source.fromState.times.grid != null ? TimeGrid.parse(source.fromState.times.grid)
                : TimeGrid.read(source.fromState.times.file);
        Standardization st = standardization(modelSpec);
        Tensor start = Tensor.fromArray(st.standardizeState(z0), 1, z0.length);
        Tensor pred = Autodiff.noGrad(() -> saved.model().forward(start, times));
        return TimeSeriesDataset.of(restore("0", times, pred, st));
    }

    /** The model's standardization, or the identity when it was trained without one. */
    private static Standardization standardization(ModelSpec modelSpec) {
        Standardization st = modelSpec.standardization();
        return st != null ? st : Standardization.identity(modelSpec.stateDim(), modelSpec.inputDim());
    }

    /** Trajectory [T, 1, D] in standardized units → data units. */
    private static Trajectory restore(String id, double[] times, Tensor pred, Standardization st) {
        int d = pred.size(-1);
        double[] flat = pred.toArray();
        double[][] rows = new double[times.length][];
        for (int i = 0; i < times.length; i++) {
            double[] z = java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d);
            rows[i] = st.restoreState(z);
        }
        return new Trajectory(id, times, rows, null);
    }

    private static List<String> defaultNames(String prefix, int n) {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(prefix + i);
        }
        return names;
    }
}
