package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/** Decides what happens at a non-terminal event: continue, stop, or continue from a new state. */
@FunctionalInterface
public interface EventHandler {

    /**
     * Called once per located event.
     *
     * @param t the event time
     * @param z the state at t (when the solve records gradients, a recorded tensor, so a new state
     *     computed from it carries the gradient through the jump); not modified
     * @return the action; never null
     */
    EventAction handle(double t, Tensor z);
}
