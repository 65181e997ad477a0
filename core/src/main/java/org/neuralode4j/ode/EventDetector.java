package org.neuralode4j.ode;

import java.util.List;
import java.util.Locale;
import org.neuralode4j.tensor.Tensor;

/**
 * Detects and locates events on accepted steps. Keeps g at the start of the interval being scanned
 * (gA) and at the step's end (gB); a sign change in an event's direction is located on the step's
 * interpolant with the Illinois algorithm (Dahlquist &amp; Björck 1974; Ford 1995), which keeps a
 * bracket and converges superlinearly, with a bisection whenever the bracket fails to halve.
 */
final class EventDetector {
    private static final int MAX_ITERATIONS = 200;

    private final List<Event> events;
    private final int[] shape;
    private final double tolerance;
    private final double direction;
    private double[] gA;
    private double[] gB;
    private final double[] scratch;
    private double found;

    EventDetector(List<Event> events, int[] shape, int n, double tolerance, double direction) {
        this.events = events;
        this.shape = shape.clone();
        this.tolerance = tolerance;
        this.direction = direction;
        this.gA = new double[events.size()];
        this.gB = new double[events.size()];
        this.scratch = new double[n];
    }

    /** g of every event at (t, y), as the start of the next interval. */
    void init(double t, double[] y) {
        for (int e = 0; e < gA.length; e++) {
            gA[e] = g(e, t, y);
        }
    }

    /** g of every event at the end of the accepted step. */
    void evaluateEnd(double t1, double[] y1) {
        for (int e = 0; e < gB.length; e++) {
            gB[e] = g(e, t1, y1);
        }
    }

    /** The step was completed: its end becomes the next start. */
    void advance() {
        double[] swap = gA;
        gA = gB;
        gB = swap;
    }

    /** Restarts the scan at te inside the current step (after an event that changed nothing). */
    void restartAt(double te, double t1, Stepper stepper) {
        double[] z = stateAt(te, t1, stepper);
        for (int e = 0; e < gA.length; e++) {
            gA[e] = g(e, te, z);
        }
    }

    /**
     * The earliest event crossing in (ta, t1] of the current step; its time is then {@link #found()}.
     *
     * @return the event's index, or -1 when none occurs
     */
    int findEarliest(double ta, double t1, Stepper stepper) {
        int best = -1;
        double bestTime = 0;
        for (int e = 0; e < gA.length; e++) {
            if (events.get(e).crosses(gA[e], gB[e])) {
                double te = locate(e, ta, gA[e], t1, gB[e], stepper);
                if (best < 0 || direction * (te - bestTime) < 0) {
                    best = e;
                    bestTime = te;
                }
            }
        }
        found = bestTime;
        return best;
    }

    double found() {
        return found;
    }

    private double[] stateAt(double time, double t1, Stepper stepper) {
        if (time == t1) {
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
            double fc = g(e, c, stateAt(c, Double.NaN, stepper));
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
