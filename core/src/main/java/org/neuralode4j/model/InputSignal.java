package org.neuralode4j.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import org.neuralode4j.data.Trajectory;
import org.neuralode4j.tensor.Tensor;

/**
 * An exogenous input u(t) ∈ R^U known through samples (t_i, u_i), e.g. the duty cycle driving a
 * converter, filled in between by an {@link Interpolation}. Vector fields read it as a constant:
 * u(t) carries no gradient (it is data, not a parameter), so gradients flow only through the state
 * and the trainable parameters.
 *
 * <p>Outside [t_0, t_{T-1}] the first or last sample is held. Immutable and safe to share between
 * threads; evaluation is a binary search plus a few multiply-adds per channel.
 */
public final class InputSignal {
    private final double[] times;
    private final double[][] channels;
    private final double[][] slopes;
    private final Interpolation interpolation;

    private InputSignal(double[] times, double[][] channels, Interpolation interpolation) {
        this.times = times;
        this.channels = channels;
        this.interpolation = interpolation;
        if (interpolation == Interpolation.CUBIC || interpolation == Interpolation.PCHIP) {
            slopes = new double[channels.length][];
            for (int j = 0; j < channels.length; j++) {
                slopes[j] = times.length < 2 ? new double[times.length]
                        : interpolation == Interpolation.CUBIC ? HermiteSlopes.notAKnot(times, channels[j])
                        : HermiteSlopes.pchip(times, channels[j]);
            }
        } else {
            slopes = null;
        }
    }

    /**
     * A signal from samples.
     *
     * @param times strictly increasing, finite, at least one (not modified)
     * @param values one row [U] per time, U ≥ 1, finite (not modified)
     * @param interpolation how to fill between samples
     * @throws IllegalArgumentException naming the first bad time or value
     */
    public static InputSignal of(double[] times, double[][] values, Interpolation interpolation) {
        Objects.requireNonNull(interpolation, "interpolation");
        checkTimes(times);
        if (values == null || values.length != times.length) {
            throw new IllegalArgumentException("input signal: " + times.length + " times but "
                    + (values == null ? "no" : Integer.toString(values.length)) + " value rows; pass one row per time");
        }
        int u = values[0].length;
        if (u == 0) {
            throw new IllegalArgumentException("input signal: value rows are empty; an input needs at least one channel");
        }
        double[][] channels = new double[u][times.length];
        for (int i = 0; i < times.length; i++) {
            if (values[i].length != u) {
                throw new IllegalArgumentException("input signal: row " + i + " has " + values[i].length
                        + " values, row 0 has " + u);
            }
            for (int j = 0; j < u; j++) {
                if (!Double.isFinite(values[i][j])) {
                    throw new IllegalArgumentException("input signal: value " + values[i][j] + " at row " + i
                            + ", channel " + j + " is not finite");
                }
                channels[j][i] = values[i][j];
            }
        }
        return new InputSignal(times.clone(), channels, interpolation);
    }

    /**
     * A signal from samples held in a tensor.
     *
     * @param times strictly increasing, finite (not modified)
     * @param values [T, U] (not modified)
     */
    public static InputSignal of(double[] times, Tensor values, Interpolation interpolation) {
        if (values.rank() != 2) {
            throw new IllegalArgumentException("input signal: values must be [T, U], got shape "
                    + Arrays.toString(values.shape()));
        }
        int t = values.size(0);
        int u = values.size(1);
        double[] flat = values.toArray();
        double[][] rows = new double[t][];
        for (int i = 0; i < t; i++) {
            rows[i] = Arrays.copyOfRange(flat, i * u, (i + 1) * u);
        }
        return of(times, rows, interpolation);
    }

    /** The inputs of a trajectory sampled at its own times ({@link Trajectory#hasInputs()} must hold). */
    public static InputSignal of(Trajectory trajectory, Interpolation interpolation) {
        if (!trajectory.hasInputs()) {
            throw new IllegalArgumentException("trajectory '" + trajectory.id() + "' has no inputs to build a signal from");
        }
        return of(trajectory.times(), trajectory.inputsTensor(), interpolation);
    }

    /** A constant input u(t) = values for all t. */
    public static InputSignal constant(double... values) {
        return of(new double[] {0}, new double[][] {values}, Interpolation.HOLD);
    }

    private static void checkTimes(double[] times) {
        if (times == null || times.length == 0) {
            throw new IllegalArgumentException("input signal: no sample times; pass at least one");
        }
        for (int i = 0; i < times.length; i++) {
            if (!Double.isFinite(times[i])) {
                throw new IllegalArgumentException("input signal: time " + times[i] + " at index " + i + " is not finite");
            }
            if (i > 0 && !(times[i] > times[i - 1])) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "input signal: times must be strictly "
                        + "increasing, but times[%d] = %s follows times[%d] = %s", i, times[i], i - 1, times[i - 1]));
            }
        }
    }

    /** Number of channels U. */
    public int dim() {
        return channels.length;
    }

    /** A copy of the sample times. */
    public double[] times() {
        return times.clone();
    }

    /** How the samples are joined. */
    public Interpolation interpolation() {
        return interpolation;
    }

    /** u(t) as a new tensor [U] that requires no gradient. */
    public Tensor at(double t) {
        double[] out = new double[channels.length];
        at(t, out);
        return Tensor.fromArray(out, out.length);
    }

    /**
     * u(t) into an array.
     *
     * @param out receives U values (modified)
     */
    public void at(double t, double[] out) {
        int n = times.length;
        if (n == 1 || t <= times[0]) {
            for (int j = 0; j < out.length; j++) {
                out[j] = channels[j][0];
            }
            return;
        }
        if (t >= times[n - 1]) {
            for (int j = 0; j < out.length; j++) {
                out[j] = channels[j][n - 1];
            }
            return;
        }
        int i = Arrays.binarySearch(times, t);
        if (i >= 0) {
            for (int j = 0; j < out.length; j++) {
                out[j] = channels[j][i];
            }
            return;
        }
        i = -i - 2; // times[i] < t < times[i + 1]
        double h = times[i + 1] - times[i];
        double s = (t - times[i]) / h;
        for (int j = 0; j < out.length; j++) {
            double[] y = channels[j];
            out[j] = switch (interpolation) {
                case HOLD -> y[i];
                case LINEAR -> y[i] + s * (y[i + 1] - y[i]);
                case CUBIC, PCHIP -> hermite(y[i], y[i + 1], slopes[j][i] * h, slopes[j][i + 1] * h, s);
            };
        }
    }

    /** The cubic Hermite polynomial on [0, 1] with end values y0, y1 and end derivatives d0, d1. */
    private static double hermite(double y0, double y1, double d0, double d1, double s) {
        double s2 = s * s;
        double s3 = s2 * s;
        // y0 + (y1 − y0)(3s² − 2s³) + d0(s³ − 2s² + s) + d1(s³ − s²): exact on flat pieces
        return y0 + (y1 - y0) * (3 * s2 - 2 * s3) + d0 * (s3 - 2 * s2 + s) + d1 * (s3 - s2);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "InputSignal(dim=%d, samples=%d, t=[%s, %s], %s)", dim(), times.length,
                times[0], times[times.length - 1], interpolation.id());
    }
}
