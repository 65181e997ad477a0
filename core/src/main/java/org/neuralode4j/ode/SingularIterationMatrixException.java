package org.neuralode4j.ode;

/**
 * A stiff method's iteration matrix I/(hγ) − J was singular (or held a non-finite entry, i.e. the
 * Jacobian was not finite) and shrinking the step did not help, or the step was fixed. Check the
 * Jacobian (a hand-written one especially) and the state for NaN or overflow.
 */
public final class SingularIterationMatrixException extends SolverException {
    private static final long serialVersionUID = 1L;

    /**
     * @param t the time reached
     * @param h the step size being attempted
     * @param reason the explanation
     */
    public SingularIterationMatrixException(double t, double h, String reason) {
        super(t, h, reason);
    }
}
