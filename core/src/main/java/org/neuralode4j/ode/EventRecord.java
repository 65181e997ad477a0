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
 */
public record EventRecord(int eventIndex, double time, Tensor state, Tensor stateAfter, boolean terminal) {
}
