package org.neuralode4j.model;

import org.neuralode4j.tensor.Tensor;

/**
 * A trajectory with the regularizers integrated along it ({@link NeuralOde#forwardRegularized}).
 *
 * @param trajectory the states [T, *z0.shape] (first D channels of an augmented model)
 * @param kineticEnergy ∫ ‖f‖² dt over the solve, averaged over the batch rows (0-d; zero when not
 *     requested)
 * @param jacobianFrobenius the Hutchinson estimate of ∫ ‖∂f/∂z‖_F² dt, averaged over the batch rows
 *     (0-d; zero when not requested)
 */
public record RegularizedTrajectory(Tensor trajectory, Tensor kineticEnergy, Tensor jacobianFrobenius) {
}
