package org.neuralode4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;
import org.neuralode4j.cli.plot.Charts;
import org.neuralode4j.cli.plot.TrainingPlots;
import org.neuralode4j.data.Standardization;
import org.neuralode4j.data.TimeSeriesDataset;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.train.ModelLoss;

/** The pictures of {@code train}: data against the model's prediction, and the loss curve. */
final class TrainPlots {
    private TrainPlots() {
    }

    static void write(Path dir, TimeSeriesDataset data, Standardization st, ModelLoss loss, TrainCommand.History history)
            throws IOException {
        Trajectory first = data.trajectory(0);
        Trajectory scaled = st.apply(data.with(List.of(first))).trajectory(0);
        int d = first.dim();
        double[] dataTimes = first.times();
        double[][] truth = new double[dataTimes.length][];
        for (int i = 0; i < dataTimes.length; i++) {
            truth[i] = first.state(i);
        }
        // the model on a fine grid (at the data's times when inputs drive it, since u is sampled there)
        Trajectory grid = first.hasInputs() ? scaled : fineGrid(scaled, 400);
        double[] t = grid.times();
        double[] flat = loss.predict(grid).toArray();
        double[][] model = new double[t.length][];
        for (int i = 0; i < t.length; i++) {
            model[i] = st.restoreState(java.util.Arrays.copyOfRange(flat, i * d, (i + 1) * d));
        }
        List<XYChart> panels = new ArrayList<>();
        for (int j = 0; j < Math.min(d, 3); j++) {
            String name = data.stateNames().get(j);
            XYChart c = Charts.chart(name + " (trajectory '" + first.id() + "')", "t", name, 400, 400);
            Charts.dots(c, "data", dataTimes, column(truth, j), Charts.DATA);
            Charts.line(c, "model", t, column(model, j), Charts.MODEL, false);
            panels.add(c);
        }
        if (d == 2) {
            XYChart phase = Charts.chart("phase portrait", data.stateNames().get(0), data.stateNames().get(1), 400, 400);
            Charts.dots(phase, "data", column(truth, 0), column(truth, 1), Charts.DATA);
            Charts.line(phase, "model", column(model, 0), column(model, 1), Charts.MODEL, false);
            panels.add(phase);
        }
        Charts.writePanels(dir.resolve("train.png"), panels, 400 * panels.size(), 400);
        TrainingPlots.lossCurve(dir.resolve("loss.png"), column(history.loss, 0), column(history.loss, 1),
                column(history.validation, 0), column(history.validation, 1));
    }

    /** The trajectory's first sample, followed by n − 1 evenly spaced times over its span (states: copies of the first). */
    private static Trajectory fineGrid(Trajectory tr, int n) {
        double t0 = tr.time(0);
        double t1 = tr.time(tr.length() - 1);
        double[] times = new double[n];
        double[][] states = new double[n][];
        for (int i = 0; i < n; i++) {
            times[i] = t0 + (t1 - t0) * i / (n - 1);
            states[i] = tr.state(0);
        }
        return new Trajectory(tr.id(), times, states, null);
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    private static double[] column(List<double[]> rows, int j) {
        return column(rows.toArray(new double[0][]), j);
    }
}
