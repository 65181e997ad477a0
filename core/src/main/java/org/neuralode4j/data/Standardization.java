package org.neuralode4j.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Per-channel standardization x' = (x − mean) / std of states and inputs, fitted on training data and
 * stored with the model (as strings in the model file's metadata), so that predictions come back in
 * the data's own units. A constant channel gets std 1.
 */
public final class Standardization {
    private final double[] stateMean;
    private final double[] stateStd;
    private final double[] inputMean;
    private final double[] inputStd;

    /** Explicit statistics (arrays are copied). */
    public Standardization(double[] stateMean, double[] stateStd, double[] inputMean, double[] inputStd) {
        this.stateMean = stateMean.clone();
        this.stateStd = stateStd.clone();
        this.inputMean = inputMean.clone();
        this.inputStd = inputStd.clone();
        if (stateMean.length != stateStd.length || inputMean.length != inputStd.length) {
            throw new IllegalArgumentException("standardization: mean and std lengths differ");
        }
        for (double s : this.stateStd) {
            requirePositive(s);
        }
        for (double s : this.inputStd) {
            requirePositive(s);
        }
    }

    private static void requirePositive(double s) {
        if (!(s > 0) || !Double.isFinite(s)) {
            throw new IllegalArgumentException("standardization: std " + s + " must be positive and finite");
        }
    }

    /** The identity transform for the given dimensions. */
    public static Standardization identity(int dim, int inputDim) {
        double[] ones = new double[dim];
        Arrays.fill(ones, 1);
        double[] onesU = new double[inputDim];
        Arrays.fill(onesU, 1);
        return new Standardization(new double[dim], ones, new double[inputDim], onesU);
    }

    /**
     * Mean and (population) standard deviation of every channel over all samples of {@code data}.
     *
     * @throws DataException naming the column when its mean or spread is not finite (values so
     *     large that their squares overflow)
     */
    public static Standardization fit(TimeSeriesDataset data) {
        int d = data.dim();
        int u = data.inputDim();
        double[][] su = moments(data, d, false);
        double[][] iu = moments(data, u, true);
        requireFinite(su, data.stateNames(), "state");
        requireFinite(iu, data.inputNames(), "input");
        return new Standardization(su[0], su[1], iu[0], iu[1]);
    }

    private static void requireFinite(double[][] moments, List<String> names, String kind) {
        for (int j = 0; j < moments[0].length; j++) {
            if (!Double.isFinite(moments[0][j]) || !Double.isFinite(moments[1][j])) {
                String name = j < names.size() ? "'" + names.get(j) + "'" : "#" + j;
                throw new DataException(String.format(Locale.ROOT, "%s column %s: values too large to "
                        + "standardize (mean %s, standard deviation %s); rescale the column, e.g. to other units",
                        kind, name, moments[0][j], moments[1][j]));
            }
        }
    }

    private static double[][] moments(TimeSeriesDataset data, int dim, boolean inputs) {
        double[] mean = new double[dim];
        double[] m2 = new double[dim];
        long n = 0;
        for (Trajectory t : data.trajectories()) {
            for (int i = 0; i < t.length(); i++) {
                n++;
                for (int j = 0; j < dim; j++) {
                    double x = inputs ? t.input(i, j) : t.state(i, j);
                    double delta = x - mean[j];
                    mean[j] += delta / n;
                    m2[j] += delta * (x - mean[j]);
                }
            }
        }
        double[] std = new double[dim];
        for (int j = 0; j < dim; j++) {
            double s = Math.sqrt(m2[j] / n);
            // a (nearly) constant channel keeps its scale: std 1, or its spread where that is larger
            // (±500 around 1e15 must not stay ±500 after standardizing)
            std[j] = s > 1e-12 * Math.max(1, Math.abs(mean[j])) ? s : Math.max(1.0, s);
        }
        return new double[][] {mean, std};
    }

    /** State means. */
    public double[] stateMean() {
        return stateMean.clone();
    }

    /** State standard deviations. */
    public double[] stateStd() {
        return stateStd.clone();
    }

    /** Standardized copy of a dataset. */
    public TimeSeriesDataset apply(TimeSeriesDataset data) {
        if (data.dim() != stateMean.length || data.inputDim() != inputMean.length) {
            throw new DataException("standardization fitted for " + stateMean.length + " states and " + inputMean.length
                    + " inputs cannot apply to data with " + data.dim() + " and " + data.inputDim());
        }
        java.util.List<Trajectory> out = new java.util.ArrayList<>();
        for (Trajectory t : data.trajectories()) {
            double[][] s = new double[t.length()][];
            double[][] in = t.hasInputs() ? new double[t.length()][] : null;
            for (int i = 0; i < t.length(); i++) {
                s[i] = forward(t.state(i), stateMean, stateStd);
                if (in != null) {
                    double[] row = new double[inputMean.length];
                    for (int j = 0; j < row.length; j++) {
                        row[j] = (t.input(i, j) - inputMean[j]) / inputStd[j];
                    }
                    in[i] = row;
                }
            }
            out.add(t.withValues(s, in));
        }
        return data.with(out);
    }

    private static double[] forward(double[] x, double[] mean, double[] std) {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = (x[j] - mean[j]) / std[j];
        }
        return y;
    }

    /** Standardizes one state vector (copy). */
    public double[] standardizeState(double[] x) {
        return forward(x, stateMean, stateStd);
    }

    /** Maps a standardized state vector back to data units (copy). */
    public double[] restoreState(double[] x) {
        double[] y = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            y[j] = x[j] * stateStd[j] + stateMean[j];
        }
        return y;
    }

    /** The statistics as metadata strings (keys {@code standardization.state_mean} etc.), full precision. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("standardization.state_mean", join(stateMean));
        m.put("standardization.state_std", join(stateStd));
        m.put("standardization.input_mean", join(inputMean));
        m.put("standardization.input_std", join(inputStd));
        return m;
    }

    /** Reads statistics written by {@link #toMetadata()}. */
    public static Standardization fromMetadata(Map<String, String> m) {
        return new Standardization(parse(m, "standardization.state_mean"), parse(m, "standardization.state_std"),
                parse(m, "standardization.input_mean"), parse(m, "standardization.input_std"));
    }

    private static String join(double[] v) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "%s", Double.toString(v[i])));
        }
        return sb.toString();
    }

    private static double[] parse(Map<String, String> m, String key) {
        String s = m.get(key);
        if (s == null) {
            throw new DataException("model metadata lacks '" + key + "'");
        }
        if (s.isEmpty()) {
            return new double[0];
        }
        String[] parts = s.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new DataException("model metadata '" + key + "' entry " + i + " is not a number: '" + parts[i] + "'");
            }
        }
        return v;
    }
}
