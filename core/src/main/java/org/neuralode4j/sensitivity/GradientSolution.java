package org.neuralode4j.sensitivity;

import org.neuralode4j.ode.Stats;
import org.neuralode4j.tensor.Tensor;

/**
 * The result of {@link Odeint#solve}: the states at the requested times, differentiable with
 * respect to z0 and the vector field's parameters by the chosen {@link Gradient}, and the work done
 * by the forward solve and (once a backward pass has run) by the backward pass.
 */
public final class GradientSolution {
    private Tensor states;
    private final double[] times;
    private final Gradient gradient;
    private final Stats forward;
    private Stats backward = Stats.explicit(0, 0, 0);

    GradientSolution(Tensor states, double[] times, Gradient gradient, Stats forward) {
        this.states = states;
        this.times = times.clone();
        this.gradient = gradient;
        this.forward = forward;
    }

    /** States [T, *z0.shape] at the requested times. */
    public Tensor states() {
        return states;
    }

    /** The requested times. */
    public double[] times() {
        return times.clone();
    }

    /** The gradient method this solve is differentiated by. */
    public Gradient gradient() {
        return gradient;
    }

    /** Work of the forward solve. */
    public Stats forwardStats() {
        return forward;
    }

    /**
     * Work of the backward pass: the adjoint solves' evaluations (each one forward pass and one VJP
     * of f) and, for the checkpointed adjoint, the forward recomputations. Zero for
     * {@link Gradient#DIRECT} (its backward pass replays the tape without calling f) and before
     * any backward pass.
     */
    public Stats backwardStats() {
        return backward;
    }

    /** The same solution holding the recorded output of the node instead of the raw forward states. */
    GradientSolution withStates(Tensor recorded) {
        this.states = recorded;
        return this;
    }

    void addBackward(Stats s) {
        backward = backward.plus(s);
    }
}
