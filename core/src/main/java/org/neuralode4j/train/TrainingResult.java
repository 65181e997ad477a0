package org.neuralode4j.train;

/**
 * How a call of {@link Trainer#fit()} ended.
 *
 * @param iterations completed iterations, counting those before a resume
 * @param stoppedEarly whether early stopping ended the run
 * @param lastLoss the training loss of the last iteration run by this call (NaN if none ran)
 * @param bestValidationLoss the best validation loss (NaN without validation)
 * @param bestIteration the iteration of the best validation loss (-1 without validation)
 * @param forwardEvaluations vector-field evaluations of the forward passes of this call
 * @param backwardEvaluations vector-field evaluations of the backward passes of this call
 * @param iterationsRun iterations run by this call (fewer than {@code iterations} after a resume)
 * @param seconds wall time of this call's iterations, validations and checkpoints
 */
public record TrainingResult(int iterations, boolean stoppedEarly, double lastLoss, double bestValidationLoss,
                             int bestIteration, long forwardEvaluations, long backwardEvaluations, int iterationsRun,
                             double seconds) {
}
