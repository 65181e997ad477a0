package org.neuralode4j.data;

import java.util.Arrays;
import org.neuralode4j.tensor.Tensor;

/**
 * One sampled trajectory: strictly increasing times t_0 &lt; ... &lt; t_{T-1}, states z(t_i) and,
 * optionally, exogenous inputs u(t_i) sampled at the same times (a duty cycle driving a converter).
 * Immutable: the constructor copies and validates everything, naming the trajectory and the index of
 * the first bad value.
 */
public final class Trajectory {
    private final String id;
    private final double[] times;
    private final double[][] states;
    private final double[][] inputs;

    /**
     * @param id name used in error messages and output (e.g. the CSV's trajectory column value)
     * @param times strictly increasing, finite, at least two (not modified)
     * @param states one row of equal length per time, finite (not modified)
     * @param inputs one row per time, or {@code null} for none (not modified)
     * @throws DataException naming the trajectory and index when any of that fails
     */
    public Trajectory(String id, double[] times, double[][] states, double[][] inputs) {
        this.id = id;
        if (times.length < 2) {
            throw new DataException("trajectory '" + id + "' has " + times.length + " point" + (times.length == 1 ? "" : "s")
                    + "; a trajectory needs at least two samples (an initial state and a target)");
        }
        if (states.length != times.length) {
            throw new DataException("trajectory '" + id + "': " + times.length + " times but " + states.length + " state rows");
        }
        if (inputs != null && inputs.length != times.length) {
            throw new DataException("trajectory '" + id + "': " + times.length + " times but " + inputs.length + " input rows");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new DataException("trajectory '" + id + "', index " + i + ": time is " + times[i]
                        + "; times must be finite numbers");
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new DataException("trajectory '" + id + "', index " + i + ": time " + times[i]
                        + (times[i] == times[i - 1] ? " repeats" : " comes after the larger " + times[i - 1])
                        + "; times within a trajectory must be strictly increasing (remove duplicates, sort the rows)");
            }
        }
        this.times = times.clone();
        this.states = copyRows(id, "state", states);
        this.inputs = inputs == null ? null : copyRows(id, "input", inputs);
    }

    private static double[][] copyRows(String id, String what, double[][] rows) {
        int dim = rows[0].length;
        if (dim == 0) {
            throw new DataException("trajectory '" + id + "' has no " + what + " columns");
        }
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != dim) {
                throw new DataException("trajectory '" + id + "', index " + i + ": " + rows[i].length + " " + what
                        + " values where index 0 has " + dim);
            }
            for (int j = 0; j < dim; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw new DataException("trajectory '" + id + "', index " + i + ", " + what + " " + j + ": value is "
                            + rows[i][j] + "; NaN and infinite values are not allowed (drop or impute those samples)");
                }
            }
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** The trajectory's name. */
    public String id() {
        return id;
    }

    /** Number of samples. */
    public int length() {
        return times.length;
    }

    /** State dimension. */
    public int dim() {
        return states[0].length;
    }

    /** Input dimension (0 without inputs). */
    public int inputDim() {
        return inputs == null ? 0 : inputs[0].length;
    }

    /** Sample time i. */
    public double time(int i) {
        return times[i];
    }

    /** A copy of the times. */
    public double[] times() {
        return times.clone();
    }

    /** A copy of state row i. */
    public double[] state(int i) {
        return states[i].clone();
    }

    /** State component j at sample i. */
    public double state(int i, int j) {
        return states[i][j];
    }

    /** Input component j at sample i. */
    public double input(int i, int j) {
        return inputs[i][j];
    }

    /** True when inputs were given. */
    public boolean hasInputs() {
        return inputs != null;
    }

    /** States as a tensor [T, D]. */
    public Tensor statesTensor() {
        return rowsTensor(states, 0, states.length);
    }

    /** Inputs as a tensor [T, U]; throws when there are none. */
    public Tensor inputsTensor() {
        if (inputs == null) {
            throw new IllegalStateException("trajectory '" + id + "' has no inputs");
        }
        return rowsTensor(inputs, 0, inputs.length);
    }

    static Tensor rowsTensor(double[][] rows, int from, int to) {
        int d = rows[0].length;
        double[] flat = new double[(to - from) * d];
        for (int i = from; i < to; i++) {
            System.arraycopy(rows[i], 0, flat, (i - from) * d, d);
        }
        return Tensor.fromArray(flat, to - from, d);
    }

    /**
     * Samples {@code from} (inclusive) to {@code to} (exclusive) as a new trajectory, sharing this
     * one's rows (both are immutable; the checks were made when this one was built).
     *
     * @throws DataException when fewer than two samples remain
     */
    public Trajectory slice(int from, int to) {
        if (from < 0 || to > times.length || to - from < 2) {
            throw new DataException("trajectory '" + id + "': samples " + from + " to " + to + " of " + times.length
                    + " are not a slice of at least two samples");
        }
        return new Trajectory(id, Arrays.copyOfRange(times, from, to), Arrays.copyOfRange(states, from, to),
                inputs == null ? null : Arrays.copyOfRange(inputs, from, to), true);
    }

    /** A slice's trajectory: the arrays as they are, already checked (the rows shared with the parent). */
    private Trajectory(String id, double[] times, double[][] states, double[][] inputs, boolean checked) {
        this.id = id;
        this.times = times;
        this.states = states;
        this.inputs = inputs;
    }

    /** Copies state row i into {@code dst} at {@code dstOff} (without the copy {@link #state} makes). */
    void copyState(int i, double[] dst, int dstOff) {
        System.arraycopy(states[i], 0, dst, dstOff, states[i].length);
    }

    /** The same samples with states (and inputs) replaced, e.g. after standardization. */
    Trajectory withValues(double[][] newStates, double[][] newInputs) {
        return new Trajectory(id, times, newStates, newInputs);
    }
}
