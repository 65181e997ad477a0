package org.neuralode4j.ode;

import java.util.Locale;

/**
 * A solve that could not continue. Carries where it stopped: the time t, the step size h being
 * attempted, and the reason in words. Subclasses say which failure it was; the CLI turns any of them
 * into one line on stderr.
 */
public abstract class SolverException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final double t;
    private final double h;
    private final String reason;

    /**
     * @param t the time the solver had reached
     * @param h the step size it was attempting (signed; 0 when no step was involved)
     * @param reason what went wrong and what to change
     */
    protected SolverException(double t, double h, String reason) {
        super(String.format(Locale.ROOT, "%s at t = %.17g (step size h = %.6g)", reason, t, h));
        this.t = t;
        this.h = h;
        this.reason = reason;
    }

    /** @return the time the solver had reached */
    public double t() {
        return t;
    }

    /** @return the signed step size being attempted */
    public double h() {
        return h;
    }

    /** @return the reason, without the position */
    public String reason() {
        return reason;
    }
}
