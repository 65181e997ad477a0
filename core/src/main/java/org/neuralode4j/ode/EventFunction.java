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
}
