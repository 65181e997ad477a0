package org.neuralode4j.ode.problems;

import java.util.Arrays;
import java.util.Locale;

/**
 * A pulse-width-modulated switching signal q(t) ∈ {0, 1}: with period T = 1/fs, q = 1 on
 * [kT, kT + dT) and 0 on [kT + dT, (k+1)T) for every integer k (periodic in absolute time, rising
 * edges at multiples of T). {@link #value} and {@link #switchingTimes} compute the edges with the
 * same floating-point expressions, so a solver told to land on the switching times (as jump times)
 * sees q constant within each step, with stages ending on an edge evaluated from the left.
 */
public final class PwmSignal {
    private static final long MAX_EDGES = 50_000_000L;

    private final double frequency;
    private final double duty;
    private final double period;
    private final double onTime;

    /**
     * @param frequency the switching frequency fs in Hz; positive and finite
     * @param duty the duty cycle d in [0, 1] (0: always off, 1: always on, no edges)
     * @throws IllegalArgumentException for values outside those ranges
     */
    public PwmSignal(double frequency, double duty) {
        if (!(frequency > 0) || !Double.isFinite(frequency)) {
            throw new IllegalArgumentException("PWM frequency " + frequency + " must be positive and finite");
        }
        if (!(duty >= 0 && duty <= 1)) {
            throw new IllegalArgumentException("PWM duty cycle " + duty + " must be in [0, 1]");
        }
        this.frequency = frequency;
        this.duty = duty;
        this.period = 1 / frequency;
        this.onTime = duty * period;
    }

    /** @return the switching frequency in Hz */
    public double frequency() {
        return frequency;
    }

    /** @return the duty cycle */
    public double duty() {
        return duty;
    }

    /**
     * The signal's value.
     *
     * @param t the time
     * @return 1 when the switch is on at t, else 0
     */
    public double value(double t) {
        if (duty == 0 || duty == 1) {
            return duty;
        }
        long k = (long) Math.floor(t / period);
        while (rise(k) > t) {
            k--;
        }
        while (rise(k + 1) <= t) {
            k++;
        }
        return t < fall(k) ? 1 : 0;
    }

    /**
     * The edges (rising and falling) strictly inside (from, to), increasing: the times to pass to
     * {@link org.neuralode4j.ode.SolveOptions.Builder#jumpTimes}.
     *
     * @param from the start of the span
     * @param to the end of the span, at least {@code from}
     * @return the edge times (empty for duty 0 or 1)
     * @throws IllegalArgumentException when the span holds more than 50 million edges
     */
    public double[] switchingTimes(double from, double to) {
        if (duty == 0 || duty == 1 || !(to > from)) {
            return new double[0];
        }
        double edges = 2 * (to - from) * frequency;
        if (edges > MAX_EDGES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "the span [%s, %s] holds about %.3g PWM "
                    + "switching instants at %s Hz; simulate a shorter span (at most %d)", from, to, edges, frequency,
                    MAX_EDGES));
        }
        long kFirst = (long) Math.floor(from / period) - 1;
        long kLast = (long) Math.ceil(to / period) + 1;
        double[] out = new double[(int) (2 * (kLast - kFirst + 1))];
        int n = 0;
        for (long k = kFirst; k <= kLast; k++) {
            double r = rise(k);
            double f = fall(k);
            if (r > from && r < to) {
                out[n++] = r;
            }
            if (f > from && f < to && f > r && f < rise(k + 1)) {
                out[n++] = f;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private double rise(long k) {
        return k * period;
    }

    private double fall(long k) {
        return k * period + onTime;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "PWM(fs = %s Hz, d = %s)", frequency, duty);
    }
}
