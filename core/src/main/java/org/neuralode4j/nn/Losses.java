package org.neuralode4j.nn;

import org.neuralode4j.tensor.Shape;
import org.neuralode4j.tensor.Tensor;

/**
 * Loss functions with PyTorch's definitions and mean reduction: {@code torch.nn.MSELoss},
 * {@code L1Loss}, {@code HuberLoss} and {@code GaussianNLLLoss}. Prediction and target must have the
 * same shape (no silent broadcasting of a mis-shaped target).
 */
public final class Losses {
    private Losses() {
    }

    private static void check(String op, Tensor prediction, Tensor target) {
        Shape.requireSame(op + ": prediction vs target", prediction.shape(), target.shape());
    }

    /** Mean squared error mean((p − y)²). */
    public static Tensor mse(Tensor prediction, Tensor target) {
        check("mse", prediction, target);
        return prediction.sub(target).square().mean();
    }

    /** Mean absolute error mean(|p − y|) (the spiral demo's loss). */
    public static Tensor l1(Tensor prediction, Tensor target) {
        check("l1", prediction, target);
        return prediction.sub(target).abs().mean();
    }

    /**
     * Huber loss: ½d² where |d| ≤ δ, δ(|d| − ½δ) elsewhere, averaged (Huber 1964; PyTorch's
     * HuberLoss).
     */
    public static Tensor huber(Tensor prediction, Tensor target, double delta) {
        check("huber", prediction, target);
        if (!(delta > 0)) {
            throw new IllegalArgumentException("huber: delta " + delta + " must be positive");
        }
        Tensor d = prediction.sub(target);
        Tensor a = d.abs();
        Tensor quadratic = d.square().mul(0.5);
        Tensor linear = a.sub(0.5 * delta).mul(delta);
        return Tensor.where(a.lt(delta).add(a.eq(delta)), quadratic, linear).mean();
    }

    /**
     * Gaussian negative log-likelihood mean(½(log v + (y − μ)²/v)), with the variance clamped below
     * at {@code eps} (as PyTorch does, the clamp passes gradients through unchanged); {@code full}
     * adds the constant ½ log 2π.
     *
     * @param variance predicted variances, broadcastable to the prediction's shape
     */
    public static Tensor gaussianNll(Tensor mean, Tensor target, Tensor variance, double eps, boolean full) {
        check("gaussianNll", mean, target);
        Tensor v = variance.expand(mean.shape());
        Tensor clamped = v.add(v.clamp(eps, Double.POSITIVE_INFINITY).sub(v).detach());
        Tensor loss = clamped.log().add(target.sub(mean).square().div(clamped)).mul(0.5);
        if (full) {
            loss = loss.add(0.5 * Math.log(2 * Math.PI));
        }
        return loss.mean();
    }
}
