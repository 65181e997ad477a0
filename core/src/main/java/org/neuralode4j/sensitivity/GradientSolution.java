package org.neuralode4j.sensitivity;

import java.util.List;
import org.neuralode4j.ode.EventRecord;
import org.neuralode4j.ode.Stats;
import org.neuralode4j.tensor.Tensor;

/**
 * The result of {@link Odeint#solve}: the states at the output times reached, the events that
 * occurred, both differentiable with respect to z0 and the parameters by the chosen
 * {@link Gradient}, and the work done by the forward solve and (once a backward pass has run) by the
 * backward pass. As with {@link org.neuralode4j.ode.Solution}, an event that ends the solve (a
 * terminal event or a handler's stop) drops the output times after it; the final state is then the
 * last event's {@link EventRecord#state()}, at its {@link EventRecord#timeTensor()}.
 */
public final class GradientSolution {
    private Tensor states;
    private final double[] times;
    private final Gradient gradient;
    private final Stats forward;
    private List<EventRecord> events;
    private final boolean terminated;
    private Stats backward = Stats.explicit(0, 0, 0);

    GradientSolution(Tensor states, double[] times, Gradient gradient, Stats forward, List<EventRecord> events,
                     boolean terminated) {
        this.states = states;
        this.times = times.clone();
        this.gradient = gradient;
        this.forward = forward;
        this.events = List.copyOf(events);
        this.terminated = terminated;
    }

    /** States [T, *z0.shape] at {@link #times()}. */
    public Tensor states() {
        return states;
    }

    /** The output times: the requested ones, up to the event that ended the solve if one did. */
    public double[] times() {
        return times.clone();
    }

    /**
     * The events that occurred, in time order. Under every gradient method each record's
     * {@link EventRecord#timeTensor()} carries the gradient of the event time by the implicit function
     * theorem, dt_e/dθ = −(∂g/∂θ + ∂g/∂z·dz/dθ)/(∂g/∂z·f + ∂g/∂t), its {@link EventRecord#state()} the
     * gradient of the state at the event (moving with the event time) and, after a reset, its
     * {@link EventRecord#stateAfter()} the gradient of the state the integration continued from.
     */
    public List<EventRecord> events() {
        return events;
    }

    /** Whether an event (terminal, or a handler's stop) ended the solve before the last requested time. */
    public boolean terminatedByEvent() {
        return terminated;
    }

    /** The gradient method this solve is differentiated by. */
    public Gradient gradient() {
        return gradient;
    }

    /**
     * Work of the forward solve. With the adjoint methods, the few evaluations of f, of the event
     * function and of its gradient made at each event to record it are not counted.
     */
    public Stats forwardStats() {
        return forward;
    }

    /**
     * Work of the backward pass: the adjoint solves' evaluations (each one forward pass and one VJP
     * of f) and, for the checkpointed adjoint, the forward recomputations; for
     * {@link Gradient#RECURSIVE_CHECKPOINT} the steps advanced from stored states and the steps
     * replayed on the tape (its accepted-step count is their sum). Zero for
     * {@link Gradient#DIRECT} (its backward pass replays the tape, or takes one VJP per recorded
     * evaluation of f, which are not counted) and before any backward pass.
     */
    public Stats backwardStats() {
        return backward;
    }

    /** The same solution holding the recorded output of the node instead of the raw forward states. */
    GradientSolution withStates(Tensor recorded) {
        this.states = recorded;
        return this;
    }

    /** The same solution holding recorded states and event records. */
    GradientSolution withOutputs(Tensor recordedStates, List<EventRecord> recordedEvents) {
        this.states = recordedStates;
        this.events = List.copyOf(recordedEvents);
        return this;
    }

    void addBackward(Stats s) {
        backward = backward.plus(s);
    }
}
