package org.neuralode4j.nn;

import org.neuralode4j.tensor.Tensor;

/**
 * ELU (Clevert et al. 2016), PyTorch's {@code nn.ELU(alpha)}: x for x &gt; 0, α(e^x − 1) otherwise.
 */
public final class ELU extends Module {
    private final double alpha;

    /** α = 1, PyTorch's default. */
    public ELU() {
        this(1.0);
    }

    /** @param alpha the negative saturation value is −α */
    public ELU(double alpha) {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException("ELU: alpha " + alpha + " must be finite");
        }
        this.alpha = alpha;
    }

    /** α. */
    double alpha() {
        return alpha;
    }

    @Override
    public Tensor forward(Tensor x) {
        if (alpha == 1.0) {
            return x.elu();
        }
        // relu(x) + α·(elu(x) − relu(x)): x above 0, α(e^x − 1) below, with the right gradient on both sides
        Tensor r = x.relu();
        return r.add(x.elu().sub(r).mul(alpha));
    }

    @Override
    protected String extraRepr() {
        return alpha == 1.0 ? "" : "alpha=" + alpha;
    }
}
