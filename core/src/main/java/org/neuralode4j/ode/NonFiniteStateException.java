package org.neuralode4j.ode;

/** The state or the vector field became NaN or infinite and the solver could not step around it. */
public final class NonFiniteStateException extends SolverException {
    private static final long serialVersionUID = 1L;

    /**
     * @param t the time reached
     * @param h the step size being attempted
     * @param reason which quantity was not finite
     */
    public NonFiniteStateException(double t, double h, String reason) {
        super(t, h, reason);
    }
}
