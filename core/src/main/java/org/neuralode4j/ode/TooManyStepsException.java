package org.neuralode4j.ode;

/** The solver attempted {@code maxSteps} steps (accepted and rejected) before reaching the end. */
public final class TooManyStepsException extends SolverException {
    private static final long serialVersionUID = 1L;

    private final int maxSteps;

    /**
     * @param t the time reached
     * @param h the step size being attempted
     * @param maxSteps the limit that was hit
     */
    public TooManyStepsException(double t, double h, int maxSteps) {
        super(t, h, "reached maxSteps = " + maxSteps + " attempted steps before the end of the span; raise "
                + "maxSteps, loosen rtol/atol, or use a stiff solver if the problem is stiff");
        this.maxSteps = maxSteps;
    }

    /** @return the limit that was hit */
    public int maxSteps() {
        return maxSteps;
    }
}
