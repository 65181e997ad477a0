package org.neuralode4j.cli.plot;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiFunction;
import org.knowm.xchart.XYChart;

/**
 * The pictures of a training run, after torchdiffeq's ode_demo: three panels (each state over time,
 * data against model; the phase portrait; the learned vector field as arrows with the model's
 * trajectory) and a loss curve.
 */
public final class TrainingPlots {
    private TrainingPlots() {
    }

    /**
     * Writes the three-panel picture of a 2-d system.
     *
     * @param times sample times
     * @param data true or measured states, [T][2]
     * @param model predicted states, [T][2]
     * @param field the learned vector field at a point (x, y) → (dx/dt, dy/dt)
     * @param names the two state names
     */
    public static void threePanels(Path file, String title, double[] times, double[][] data, double[][] model,
                                   BiFunction<Double, Double, double[]> field, String[] names) throws IOException {
        XYChart series = Charts.chart(title + ": trajectories", "t", names[0] + ", " + names[1], 400, 400);
        Charts.line(series, "data " + names[0], times, column(data, 0), Charts.DATA, false);
        Charts.line(series, "data " + names[1], times, column(data, 1), Charts.DATA2, false);
        Charts.line(series, "model " + names[0], times, column(model, 0), Charts.MODEL, true);
        Charts.line(series, "model " + names[1], times, column(model, 1), Charts.MODEL2, true);

        XYChart phase = Charts.chart("phase portrait", names[0], names[1], 400, 400);
        Charts.line(phase, "data", column(data, 0), column(data, 1), Charts.DATA, false);
        Charts.line(phase, "model", column(model, 0), column(model, 1), Charts.MODEL, true);

        double[] box = bounds(data, model);
        XYChart quiver = Charts.chart("learned vector field", names[0], names[1], 400, 400);
        Charts.quiver(quiver, "f(z)", box[0], box[1], box[2], box[3], 21, field, Charts.DATA2);
        Charts.line(quiver, "model", column(model, 0), column(model, 1), Charts.MODEL, false);
        Charts.writePanels(file, List.of(series, phase, quiver), 1200, 400);
    }

    /** Writes the loss curve (training, and validation when given) against the iteration. */
    public static void lossCurve(Path file, double[] iterations, double[] loss, double[] validationIterations,
                                 double[] validationLoss) throws IOException {
        lossCurve(file, iterations, loss, validationIterations, validationLoss, "validation");
    }

    /** As {@link #lossCurve(Path, double[], double[], double[], double[])} with a name for the second curve. */
    public static void lossCurve(Path file, double[] iterations, double[] loss, double[] validationIterations,
                                 double[] validationLoss, String validationName) throws IOException {
        XYChart c = Charts.chart("loss", "iteration", "loss", 800, 400);
        c.getStyler().setYAxisLogarithmic(allPositive(loss) && allPositive(validationLoss));
        Charts.line(c, "training", iterations, loss, Charts.DATA, false);
        if (validationIterations != null && validationIterations.length > 0) {
            Charts.line(c, validationName, validationIterations, validationLoss, Charts.MODEL, false);
        }
        Charts.writePanels(file, List.of(c), 800, 400);
    }

    private static boolean allPositive(double[] v) {
        if (v == null) {
            return true;
        }
        for (double x : v) {
            if (!(x > 0)) {
                return false;
            }
        }
        return true;
    }

    private static double[] column(double[][] rows, int j) {
        double[] c = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            c[i] = rows[i][j];
        }
        return c;
    }

    /** A box around both trajectories with a 10% margin: {xmin, xmax, ymin, ymax}. */
    private static double[] bounds(double[][] a, double[][] b) {
        double[] box = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double[][] rows : List.of(a, b)) {
            for (double[] r : rows) {
                if (Double.isFinite(r[0]) && Double.isFinite(r[1])) {
                    box[0] = Math.min(box[0], r[0]);
                    box[1] = Math.max(box[1], r[0]);
                    box[2] = Math.min(box[2], r[1]);
                    box[3] = Math.max(box[3], r[1]);
                }
            }
        }
        double mx = 0.1 * Math.max(box[1] - box[0], 1e-9);
        double my = 0.1 * Math.max(box[3] - box[2], 1e-9);
        return new double[] {box[0] - mx, box[1] + mx, box[2] - my, box[3] + my};
    }
}
