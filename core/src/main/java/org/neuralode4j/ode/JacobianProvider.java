package org.neuralode4j.ode;

/**
 * A hand-written Jacobian ∂f/∂z for the stiff solvers, on flat row-major arrays. Set it with
 * {@link StiffOptions.Builder#jacobian(JacobianProvider)}, or let the vector field itself implement
 * this interface (an {@link ArrayVectorField} that also implements {@code JacobianProvider} is used
 * with its own Jacobian unless the options name another).
 *
 * <p>Layout. For a coupled state of n elements, {@code out} is the n×n matrix, entry (i, j) =
 * ∂f_i/∂z_j at {@code out[i*n + j]}. With {@link StiffOptions#independentRows()} and a state
 * [B, D], {@code out} holds the B diagonal blocks one after the other: block b's entry (i, j) =
 * ∂f_{b,i}/∂z_{b,j} at {@code out[b*D*D + i*D + j]}.
 */
@FunctionalInterface
public interface JacobianProvider {

    /**
     * Writes ∂f/∂z at (t, z).
     *
     * @param t the time
     * @param z the state, flattened; not modified, not to be kept
     * @param out receives the Jacobian (layout above); modified, every entry must be written
     */
    void jacobian(double t, double[] z, double[] out);

    /**
     * Writes ∂f/∂t at (t, z), needed by the Rosenbrock methods for a non-autonomous field.
     *
     * @param t the time
     * @param z the state; not modified
     * @param out receives ∂f/∂t; modified when this returns true
     * @return false (the default) to let the solver take a finite difference in t instead
     */
    default boolean timeDerivative(double t, double[] z, double[] out) {
        return false;
    }
}
