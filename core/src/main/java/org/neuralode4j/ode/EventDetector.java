package org.neuralode4j.ode;

import java.util.List;
import java.util.Locale;
import org.neuralode4j.tensor.Tensor;

/**
 * Detects and locates events on accepted steps. Every step is checked at the ends of
 * {@code subdivisions} equal sub-intervals (interpolated states; 10 by default, as the
 * {@code interp_points} of DifferentialEquations.jl's continuous callbacks), so that g rising and
 * falling back inside one long step is still seen. The first sub-interval whose ends show a sign
 * change in the event's direction is searched with the Illinois algorithm (Dahlquist &amp; Björck
 * 1974; Ford 1995), which keeps a bracket and converges superlinearly, with a bisection whenever
 * the bracket fails to halve over three iterations.
 *
 * <p>Each event keeps its own scan position (time and g there), so handling one event and
 * continuing does not hide another event that occurs at the same time or later in the step.
 */
final class EventDetector {
    private static final int MAX_ITERATIONS = 200;

    private final List<Event> events;
    private final int[] shape;
    private final double tolerance;
    private final double direction;
    private final int subdivisions;
    private final double[] scanTime;
    private final double[] scanValue;
    private final double[] located;
    private final double[] sampleTime;
    private final double[][] sampleValue;
    private final double[] scratch;
    private double stepEnd;

    EventDetector(List<Event> events, int[] shape, int n, double tolerance, double direction, int subdivisions) {
        int m = events.size();
        this.events = events;
        this.shape = shape.clone();
        this.tolerance = tolerance;
        this.direction = direction;
        this.subdivisions = subdivisions;
        this.scanTime = new double[m];
        this.scanValue = new double[m];
        this.located = new double[m];
        this.sampleTime = new double[subdivisions + 1];
        this.sampleValue = new double[m][subdivisions + 1];
        this.scratch = new double[n];
    }

    /** Starts scanning at (t, y): the initial state, or the new state after a jump. */
    void init(double t, double[] y) {
        for (int e = 0; e < scanTime.length; e++) {
            scanTime[e] = t;
            scanValue[e] = g(e, t, y);
        }
    }

    /** Samples g over the accepted step (t0, t1] and locates each event's first crossing in it. */
    void beginStep(double t0, double t1, Stepper stepper) {
        stepEnd = t1;
        for (int i = 1; i <= subdivisions; i++) {
            double ti = i == subdivisions ? t1 : t0 + (t1 - t0) * i / subdivisions;
            sampleTime[i] = ti;
            double[] z = stateAt(ti, stepper);
            for (int e = 0; e < events.size(); e++) {
                sampleValue[e][i] = g(e, ti, z);
            }
        }
        for (int e = 0; e < events.size(); e++) {
            located[e] = scan(e, stepper);
        }
    }

    /** The index of the event that occurs first in the rest of the step, or -1. */
    int earliest() {
        int best = -1;
        for (int e = 0; e < located.length; e++) {
            if (!Double.isNaN(located[e]) && (best < 0 || direction * (located[e] - located[best]) < 0)) {
                best = e;
            }
        }
        return best;
    }

    /** The located time of event e in the current step. */
    double time(int e) {
        return located[e];
    }

    /** Event e was handled at te and the solve continues: scan the rest of the step for it again. */
    void continueAfter(int e, double te, Stepper stepper) {
        scanTime[e] = te;
        scanValue[e] = g(e, te, stateAt(te, stepper));
        located[e] = scan(e, stepper);
    }

    /** The step was completed: its end is where every event's next scan starts. */
    void finishStep() {
        for (int e = 0; e < scanTime.length; e++) {
            scanTime[e] = stepEnd;
            scanValue[e] = sampleValue[e][subdivisions];
        }
    }

    private double scan(int e, Stepper stepper) {
        double ta = scanTime[e];
        double ga = scanValue[e];
        Event event = events.get(e);
        for (int i = 1; i <= subdivisions; i++) {
            double tb = sampleTime[i];
            if (direction * (tb - ta) <= 0) {
                continue;
            }
            double gb = sampleValue[e][i];
            if (event.crosses(ga, gb)) {
                return locate(e, ta, ga, tb, gb, stepper);
            }
            ta = tb;
            ga = gb;
        }
        return Double.NaN;
    }

    private double[] stateAt(double time, Stepper stepper) {
        if (time == stepEnd) {
            return stepper.proposed();
        }
        stepper.interpolate(time, scratch, 0);
        return scratch;
    }

    /** Illinois iteration on [a, b]; returns the bracket end past the crossing. */
    private double locate(int e, double a, double fa, double b, double fb, Stepper stepper) {
        boolean startsNegative = fa < 0;
        double tol = Math.max(tolerance, 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))));
        int side = 0;
        double checkedWidth = Math.abs(b - a);
        int sinceCheck = 0;
        for (int iter = 0; iter < MAX_ITERATIONS && Math.abs(b - a) > tol; iter++) {
            boolean bisect = false;
            if (++sinceCheck == 3) {
                // Illinois should at least halve the bracket every three iterations; else bisect once
                bisect = Math.abs(b - a) > 0.5 * checkedWidth;
                checkedWidth = Math.abs(b - a);
                sinceCheck = 0;
            }
            double c = bisect ? 0.5 * (a + b) : (a * fb - b * fa) / (fb - fa);
            double margin = 0.25 * tol;
            if (Double.isNaN(c)) {
                c = 0.5 * (a + b);
            } else if (direction * (c - a) < margin) {
                c = a + direction * margin; // keep the trial point strictly inside the bracket
            } else if (direction * (b - c) < margin) {
                c = b - direction * margin;
            }
            double fc = g(e, c, stateAt(c, stepper));
            boolean crossed = startsNegative ? fc >= 0 : fc <= 0;
            if (crossed) {
                b = c;
                fb = fc;
                if (side == 1) {
                    fa *= 0.5;
                }
                side = 1;
            } else {
                a = c;
                fa = fc;
                if (side == -1) {
                    fb *= 0.5;
                }
                side = -1;
            }
        }
        return b;
    }

    private double g(int e, double t, double[] y) {
        double v = events.get(e).function().value(t, Tensor.fromArray(y, shape));
        if (Double.isNaN(v)) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "event function %d returned NaN at t = %.17g; event functions must be defined along the solution",
                    e, t));
        }
        return v;
    }
}
