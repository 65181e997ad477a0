package org.neuralode4j.sensitivity;

import org.neuralode4j.ode.SolverException;

/**
 * The backward solve of the backsolve adjoint failed. Its usual cause: integrating z backwards in
 * time turns decaying modes into growing ones, so stiff or strongly dissipative systems blow up or
 * exhaust the step budget (torchdiffeq issue #184; SciMLSensitivity's documentation). The message
 * says to use {@link Gradient#CHECKPOINTED_ADJOINT}, which never integrates z backwards.
 */
public final class BackwardSolveException extends SolverException {
    private static final long serialVersionUID = 1L;

    /** Wraps the solver's failure, keeping its time and step size. */
    BackwardSolveException(SolverException cause) {
        super(cause.t(), cause.h(), "the adjoint's backward solve failed (" + cause.reason() + "); integrating z "
                + "backwards is unstable for stiff or dissipative systems: use the checkpointed adjoint "
                + "(Gradient.CHECKPOINTED_ADJOINT, --gradient checkpointed) or DIRECT");
        initCause(cause);
    }
}
