package org.neuralode4j.autodiff;

/**
 * A backward rule whose input gradients are constant multiples of the output gradient,
 * ∂L/∂x_i = c_i ∂L/∂out (linear combinations, the stages of a Runge–Kutta step). The engine adds
 * c_i·ḡ straight into the gradients accumulating for the inputs instead of materializing each
 * product; a backward pass that records itself (create-graph) calls {@link #apply} instead, which
 * must return the same gradients as tensors.
 */
public interface ScaledBackward extends Backward {

    /**
     * The coefficient of input {@code i}.
     *
     * @param i an input index
     */
    double coefficient(int i);
}
