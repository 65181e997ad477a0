package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/**
 * Softplus (1/β)·log(1 + e^{βx}), PyTorch's {@code nn.Softplus(beta)} with its threshold 20: where
 * βx &gt; 20 the result is x itself.
 */
public final class Softplus extends Module {
    private final double beta;

    /** β = 1, PyTorch's default. */
    public Softplus() {
        this(1.0);
    }

    /** @param beta positive sharpness */
    public Softplus(double beta) {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("Softplus: beta " + beta + " must be positive and finite");
        }
        this.beta = beta;
    }

    /** β. */
    double beta() {
        return beta;
    }

    @Override
    public Tensor forward(Tensor x) {
        return beta == 1.0 ? x.softplus() : x.mul(beta).softplus().div(beta);
    }

    @Override
    protected String extraRepr() {
        return beta == 1.0 ? "" : "beta=" + beta;
    }
}
