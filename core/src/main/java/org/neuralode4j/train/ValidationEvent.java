package org.neuralode4j.train;

/**
 * A validation run, as reported to {@link TrainingListener#onValidation}.
 *
 * @param iteration the number of completed iterations
 * @param loss the validation loss
 * @param improved whether it improved on the best so far by more than the early-stopping minimum
 *     delta (0 without early stopping)
 * @param bestLoss the best validation loss so far (this one when improved)
 * @param bestIteration the iteration of the best validation loss
 */
public record ValidationEvent(int iteration, double loss, boolean improved, double bestLoss, int bestIteration) {
}
