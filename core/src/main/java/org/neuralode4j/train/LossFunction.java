package org.neuralode4j.train;

import java.util.random.RandomGenerator;

/**
 * One iteration's training loss: draws its batch from the trainer's generator and returns a scalar
 * loss tensor recorded on the tape (so that {@code loss.backward()} fills the parameters'
 * gradients), with optional work counts and metrics.
 *
 * <p>For exact resumption and seeded determinism the result must depend only on the iteration, the
 * draws from {@code rng} and the parameters' values: keep no other mutable state between calls and
 * use no other source of randomness.
 */
@FunctionalInterface
public interface LossFunction {

    /**
     * Computes the loss of one iteration.
     *
     * @param iteration the iteration being run, 1-based
     * @param rng the trainer's generator (checkpointed with the weights); draw batches from it
     * @return the loss and what it cost
     */
    StepResult compute(int iteration, RandomGenerator rng);
}
