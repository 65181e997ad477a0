package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * An event function g(t, z): an event occurs where g changes sign (e.g. {@code h - r} for a ball
 * reaching the floor, or a PWM carrier crossing the duty cycle).
 */
@FunctionalInterface
public interface EventFunction {

    /**
     * Evaluates g. Called on interpolated states while a root is located, never recorded.
     *
     * @param t the time
     * @param z the state; not modified and not to be kept after the call
     * @return g(t, z)
     */
    double value(double t, Tensor z);

    /**
     * g as a recorded tensor, so that event times can be differentiated by the implicit function
     * theorem: dt_e/dθ = −(∂g/∂z·dz/dθ + ∂g/∂θ) / (dg/dt along the solution). The default returns
     * {@link #value} as a constant, so the event time then carries no gradient through g (it still
     * does through the trajectory when {@link #differentiable} is used).
     *
     * @param t the time
     * @param z the state (recorded when the solve records gradients); not modified
     * @return a single-element tensor holding g(t, z)
     */
    default Tensor valueTensor(double t, Tensor z) {
        return Tensor.scalar(value(t, z));
    }

    /**
     * An event function written with tensor operations, differentiable with respect to the state and
     * the parameters it reads, so that event times carry gradients under every gradient method
     * (the adjoint methods differentiate only the parameters listed in {@link Event#withParameters}
     * or in the vector field's parameters).
     *
     * @param g computes a single-element tensor g(t, z)
     * @return the event function
     */
    static EventFunction differentiable(java.util.function.BiFunction<Double, Tensor, Tensor> g) {
        return new EventFunction() {
            @Override
            public double value(double t, Tensor z) {
                return org.neuralode4j.autodiff.Autodiff.noGrad(() -> g.apply(t, z)).item();
            }

            @Override
            public Tensor valueTensor(double t, Tensor z) {
                return g.apply(t, z);
            }
        };
    }
}
