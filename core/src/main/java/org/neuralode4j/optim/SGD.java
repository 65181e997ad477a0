package org.neuralode4j.optim;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
 * decay: PyTorch's {@code torch.optim.SGD}, same defaults (lr 1e-3, everything else 0/false) and
 * update, with momentum as in Sutskever et al. (2013) in PyTorch's formulation:
 *
 * <pre>
 * g ← ∇θ + λθ
 * if μ ≠ 0:  b ← g on the first step, else b ← μb + (1 − τ)g
 *            g ← g + μb (Nesterov)  or  g ← b
 * θ ← θ − γg
 * </pre>
 */
public final class SGD extends AbstractOptimizer {
    private static final int MOMENTUM = 0;

    private final double momentum;
    private final double dampening;
    private final double weightDecay;
    private final boolean nesterov;

    /** Plain SGD with PyTorch's default learning rate 1e-3. */
    public SGD(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** Plain SGD. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /**
     * @param params the parameters (updated in place by {@link #step()})
     * @param lr learning rate γ ≥ 0
     * @param momentum μ ≥ 0
     * @param dampening τ, applied to the gradient from the second step on
     * @param weightDecay λ ≥ 0, an L2 penalty added to the gradient
     * @param nesterov Nesterov momentum; needs μ &gt; 0 and τ = 0, as in PyTorch
     */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super("SGD", params, lr, "momentum_buffer");
        require("momentum", momentum, 0, Double.MAX_VALUE, false);
        require("weight_decay", weightDecay, 0, Double.MAX_VALUE, false);
        require("dampening", dampening, -Double.MAX_VALUE, Double.MAX_VALUE, false);
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum and zero dampening");
        }
        this.momentum = momentum;
        this.dampening = dampening;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
    }

    @Override
    protected void update(int index, double[] p, double[] grad, long step) {
        double lr = learningRate();
        boolean first = !hasBuffer(index, MOMENTUM);
        double[] buf = momentum != 0 ? buffer(index, MOMENTUM) : null;
        for (int i = 0; i < p.length; i++) {
            double g = weightDecay != 0 ? grad[i] + weightDecay * p[i] : grad[i];
            if (buf != null) {
                buf[i] = first ? g : buf[i] * momentum + (1 - dampening) * g;
                g = nesterov ? g + momentum * buf[i] : buf[i];
            }
            p[i] += -lr * g;
        }
    }
}
