package org.neuralode4j.train;

import java.nio.file.Path;

/**
 * Observes a {@link Trainer}: every method has an empty default, so implement only what you need.
 * Listeners run on the training thread between iterations; they must not modify the parameters,
 * the optimizer or draw from the training generator (or resumed runs would diverge).
 */
public interface TrainingListener {

    /** After every iteration's update. */
    default void onIteration(IterationEvent event) {
    }

    /** After every validation (and its early-stopping bookkeeping). */
    default void onValidation(ValidationEvent event) {
    }

    /**
     * After a checkpoint has been written.
     *
     * @param iteration completed iterations it holds
     * @param file where it was written
     */
    default void onCheckpoint(int iteration, Path file) {
    }

    /** Once when {@link Trainer#fit()} returns normally (not after a {@link TrainingException}). */
    default void onFinish(TrainingResult result) {
    }
}
