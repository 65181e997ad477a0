package org.neuralode4j.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import org.neuralode4j.sensitivity.GradientSolution;
import org.neuralode4j.tensor.Tensor;

/**
 * What a {@link LossFunction} returns for one iteration.
 *
 * @param loss the scalar (single-element) loss, recorded on the tape
 * @param forwardEvaluations vector-field evaluations of the forward solves (0 when not counted)
 * @param backwardEvaluations read by the trainer <em>after</em> {@code loss.backward()}: the
 *     evaluations of the backward pass (adjoint solves fill their counts only then)
 * @param metrics extra named values for listeners, in insertion order (unmodifiable)
 */
public record StepResult(Tensor loss, long forwardEvaluations, LongSupplier backwardEvaluations,
                         Map<String, Double> metrics) {

    /**
     * @throws IllegalArgumentException when the loss is missing or has more than one element
     */
    public StepResult {
        Objects.requireNonNull(loss, "loss");
        if (loss.numel() != 1) {
            throw new IllegalArgumentException("the loss must be a single value, got a tensor of " + loss.numel()
                    + " elements; reduce it (mean or sum)");
        }
        Objects.requireNonNull(backwardEvaluations, "backwardEvaluations");
        metrics = Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
    }

    /** A loss without work counts. */
    public static StepResult of(Tensor loss) {
        return new StepResult(loss, 0, () -> 0, Map.of());
    }

    /** A loss computed from one differentiable solve, with that solve's forward and backward counts. */
    public static StepResult of(Tensor loss, GradientSolution solution) {
        return new StepResult(loss, solution.forwardStats().functionEvaluations(),
                () -> solution.backwardStats().functionEvaluations(), Map.of());
    }

    /** This result with one more metric (replacing one of the same name). */
    public StepResult withMetric(String name, double value) {
        Map<String, Double> m = new LinkedHashMap<>(metrics);
        m.put(name, value);
        return new StepResult(loss, forwardEvaluations, backwardEvaluations, m);
    }
}
