package org.neuralode4j.ode;

/**
 * The error control asked for a step smaller than {@code minStep} or than the resolution of the
 * time variable: the problem is probably stiff or singular near t.
 */
public final class StepSizeUnderflowException extends SolverException {
    private static final long serialVersionUID = 1L;

    /**
     * @param t the time reached
     * @param h the step size that was too small
     * @param reason the explanation
     */
    public StepSizeUnderflowException(double t, double h, String reason) {
        super(t, h, reason);
    }
}
