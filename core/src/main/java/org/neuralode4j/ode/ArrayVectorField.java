package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * A vector field written on plain arrays: the fast path for physics models (Lorenz, circuits) that
 * need no gradients. When nothing requires gradients the solver calls {@link #evaluate} directly on
 * its own work arrays, with no tensor allocated per evaluation.
 *
 * <p>Such a field is not differentiable: {@link #apply} refuses a state that requires gradients.
 * Write the field with {@link Tensor} operations to backpropagate through it.
 */
@FunctionalInterface
public interface ArrayVectorField extends VectorField {

    /**
     * Evaluates dz/dt at (t, z) on flat row-major arrays.
     *
     * @param t the time
     * @param z the state, flattened; not modified, and not to be kept after the call (the solver
     *     reuses it)
     * @param dzdt receives dz/dt, of z's length; modified (every entry must be written)
     */
    void evaluate(double t, double[] z, double[] dzdt);

    /**
     * Wraps {@link #evaluate} for callers that hold tensors.
     *
     * @param t the time
     * @param z the state; not modified; must not require gradients
     * @return dz/dt as a new tensor of z's shape
     * @throws IllegalArgumentException if z requires gradients
     */
    @Override
    default Tensor apply(double t, Tensor z) {
        if (z.requiresGrad()) {
            throw new IllegalArgumentException("an ArrayVectorField is not differentiable, but its state requires "
                    + "gradients; write the vector field with Tensor operations (implement VectorField) to "
                    + "backpropagate through it");
        }
        Tensor out = Tensor.zeros(z.shape());
        evaluate(t, z.buffer(), out.buffer());
        return out;
    }
}
