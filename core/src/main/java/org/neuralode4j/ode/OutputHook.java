package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * An impulse at output times: after the solution at an interior output time has been recorded, the
 * hook may replace the state, and the integration continues from the new state (f is evaluated
 * afresh there). Output times become landing times, so the state the hook sees is the step's own
 * end point, not an interpolation.
 *
 * <p>The adjoint method's backward pass uses it: integrating from t_N down to t_0 once, it adds
 * ∂L/∂z(t_i) to the adjoint at every observation time instead of restarting a solve per interval.
 */
@FunctionalInterface
public interface OutputHook {

    /**
     * Called at every output time except the first (the initial state) and the last (nothing follows).
     *
     * @param index the output's index in the requested times
     * @param t the output time
     * @param state the state at t, as recorded in the solution; not modified
     * @return the state to continue from (same shape), or {@code null} to continue unchanged
     */
    Tensor atOutput(int index, double t, Tensor state);
}
