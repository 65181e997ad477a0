package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * One event that occurred during a solve.
 *
 * @param eventIndex the index of the event in {@link SolveOptions#events()}
 * @param time the located event time
 * @param state the state at the event, before any jump (the shape of z0)
 * @param stateAfter the state the integration continued from: the handler's new state after a
 *     jump, else the same tensor as {@code state}
 * @param terminal whether the solve stopped here (a terminal event or a handler's stop)
 * @param timeTensor the event time as a single-element tensor; when the solve records gradients and
 *     the event function is {@linkplain EventFunction#valueTensor differentiable}, it carries the
 *     gradient of the event time (implicit function theorem), and {@code state} and
 *     {@code stateAfter} carry the dependence of the states on that time: their gradients are
 *     those of the states just before and just after the event at the moving event time (the
 *     integration itself restarts from stateAfter − f(t_e, stateAfter)·(t_e − stop(t_e)), so that
 *     the rest of the trajectory is delayed with the event)
 */
public record EventRecord(int eventIndex, double time, Tensor state, Tensor stateAfter, boolean terminal,
                          Tensor timeTensor) {

    /** A record whose time carries no gradient. */
    public EventRecord(int eventIndex, double time, Tensor state, Tensor stateAfter, boolean terminal) {
        this(eventIndex, time, state, stateAfter, terminal, Tensor.scalar(time));
    }
}
