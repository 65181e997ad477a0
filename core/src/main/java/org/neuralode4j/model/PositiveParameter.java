package org.neuralode4j.model;

import org.neuralode4j.nn.Module;
import org.neuralode4j.tensor.Tensor;

/**
 * A trainable constant that stays positive, such as an inductance, a capacitance or a resistance:
 * the trainable leaf is θ = log p (registered as {@code log}) and the value is p = exp θ. The
 * optimizer moves θ freely while p stays positive, and equal steps in θ are equal relative changes of
 * p, so constants of very different magnitudes (µH next to Ω) train at the same pace. The gradient
 * is ∂L/∂θ = p·∂L/∂p.
 */
public final class PositiveParameter extends Module {
    private final Tensor log;

    private PositiveParameter(Tensor log) {
        this.log = registerParameter("log", log);
    }

    /**
     * A scalar parameter.
     *
     * @param value the initial value, positive and finite
     */
    public static PositiveParameter of(double value) {
        if (!(value > 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("PositiveParameter: initial value " + value + " must be positive and finite");
        }
        return new PositiveParameter(Tensor.scalar(Math.log(value)));
    }

    /**
     * A parameter whose log is the given leaf (which becomes the trainable tensor).
     *
     * @param log a leaf tensor of any shape (modified: {@code requiresGrad(true)})
     */
    public static PositiveParameter fromLog(Tensor log) {
        return new PositiveParameter(log);
    }

    /** p = exp(θ), recorded so gradients reach θ. */
    public Tensor value() {
        return log.exp();
    }

    /** The current value of a scalar parameter, as a number (for reports). */
    public double doubleValue() {
        return Math.exp(log.item());
    }

    /** The trainable leaf θ = log p (live). */
    public Tensor log() {
        return log;
    }

    /** Scales x by the parameter: x · p. */
    @Override
    public Tensor forward(Tensor x) {
        return x.mul(value());
    }

    @Override
    protected String extraRepr() {
        return log.numel() == 1 ? "value=" + doubleValue() : "shape=" + java.util.Arrays.toString(log.shape());
    }
}
