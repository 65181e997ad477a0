package org.neuralode4j.train;

/**
 * A validation loss of the current parameters, computed by the trainer every N iterations without
 * recording gradients. It must not change the parameters and must not draw from the training
 * generator (use a fixed validation set or a separately seeded generator), so that validating does
 * not change the training trajectory.
 */
@FunctionalInterface
public interface ValidationFunction {

    /**
     * @param iteration the number of completed iterations
     * @return the validation loss (lower is better); NaN counts as no improvement
     */
    double loss(int iteration);
}
