package org.neuralode4j.train;

import java.util.Map;

/**
 * One completed training iteration, as reported to {@link TrainingListener#onIteration}.
 *
 * @param iteration the iteration just completed, 1-based
 * @param loss its training loss (before the update)
 * @param forwardEvaluations vector-field evaluations of its forward solves
 * @param backwardEvaluations vector-field evaluations of its backward pass
 * @param seconds wall time of the iteration (loss, backward pass and update)
 * @param learningRate the rate the optimizer used for this iteration's update
 * @param metrics the loss function's metrics, plus {@code grad_norm} (before clipping) when
 *     gradient clipping is on
 */
public record IterationEvent(int iteration, double loss, long forwardEvaluations, long backwardEvaluations,
                             double seconds, double learningRate, Map<String, Double> metrics) {
}
