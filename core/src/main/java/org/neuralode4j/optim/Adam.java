package org.neuralode4j.optim;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * Adam (Kingma &amp; Ba 2015) with optional AMSGrad (Reddi et al. 2018): PyTorch's
 * {@code torch.optim.Adam}, same defaults (lr 1e-3, betas 0.9 and 0.999, eps 1e-8, no weight decay)
 * and the same arithmetic as its single-tensor implementation:
 *
 * <pre>
 * g ← ∇θ + λθ
 * m ← lerp(m, g, 1 − β₁),  v ← β₂v + (1 − β₂)g²,  v_max ← max(v_max, v) (AMSGrad)
 * θ ← θ − (γ / (1 − β₁ᵗ)) · m / (√v (or √v_max) / √(1 − β₂ᵗ) + ε)
 * </pre>
 *
 * <p>Weight decay here is the L2 penalty added to the gradient; {@link AdamW} decouples it.
 */
public class Adam extends AbstractOptimizer {
    private static final int EXP_AVG = 0;
    private static final int EXP_AVG_SQ = 1;
    private static final int MAX_EXP_AVG_SQ = 2;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double weightDecay;
    private final boolean amsgrad;
    private final boolean decoupled;

    /** Adam with PyTorch's defaults. */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** Adam with PyTorch's defaults except the learning rate. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    /**
     * @param params the parameters (updated in place by {@link #step()})
     * @param lr learning rate γ ≥ 0
     * @param beta1 decay of the first moment, in [0, 1)
     * @param beta2 decay of the second moment, in [0, 1)
     * @param eps added to the denominator, ≥ 0
     * @param weightDecay λ ≥ 0 (L2 penalty)
     * @param amsgrad use the running maximum of the second moment
     */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
                boolean amsgrad) {
        this("Adam", params, lr, beta1, beta2, eps, weightDecay, amsgrad, false);
    }

    Adam(String name, List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay,
         boolean amsgrad, boolean decoupled) {
        super(name, params, lr, "exp_avg", "exp_avg_sq", "max_exp_avg_sq");
        require("beta1", beta1, 0, 1, true);
        require("beta2", beta2, 0, 1, true);
        require("eps", eps, 0, Double.MAX_VALUE, false);
        require("weight_decay", weightDecay, 0, Double.MAX_VALUE, false);
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.amsgrad = amsgrad;
        this.decoupled = decoupled;
    }

    @Override
    protected final void update(int index, double[] p, double[] grad, long step) {
        double lr = learningRate();
        double[] m = buffer(index, EXP_AVG);
        double[] v = buffer(index, EXP_AVG_SQ);
        double[] vMax = amsgrad ? buffer(index, MAX_EXP_AVG_SQ) : null;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, step));
        double stepSize = lr / bc1;
        double decay = 1 - lr * weightDecay;
        double w1 = 1 - beta1;
        double w2 = 1 - beta2;
        for (int i = 0; i < p.length; i++) {
            double g = grad[i];
            if (decoupled) {
                p[i] *= decay;
            } else if (weightDecay != 0) {
                g += weightDecay * p[i];
            }
            m[i] = lerp(m[i], g, w1);
            v[i] = v[i] * beta2 + w2 * g * g;
            double second = v[i];
            if (vMax != null) {
                vMax[i] = Math.max(vMax[i], v[i]);
                second = vMax[i];
            }
            double denom = Math.sqrt(second) / bc2Sqrt + eps;
            p[i] += -stepSize * m[i] / denom;
        }
    }
}
