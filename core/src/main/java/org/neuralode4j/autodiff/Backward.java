package org.neuralode4j.autodiff;

import org.neuralode4j.tensor.Tensor;

/**
 * The backward rule of one recorded operation: maps the gradient of the operation's output to the
 * gradients of its inputs (one entry per input, {@code null} where an input gets none).
 *
 * <p>Rules are written with {@link Tensor} operations, so that when the backward pass is itself
 * recorded (create-graph) the gradient can be differentiated again.
 */
@FunctionalInterface
public interface Backward {
    /**
     * @param gradOutput gradient of the loss with respect to the operation's output; not modified
     * @return gradients with respect to the inputs, aligned with them, each of its input's shape
     */
    Tensor[] apply(Tensor gradOutput);

    /**
     * Called once when the node holding this rule is released (after a backward pass that did not
     * retain the graph): a rule that borrowed buffers may return them to a pool. Never called for a
     * graph that is simply dropped.
     */
    default void release() {
    }
}
