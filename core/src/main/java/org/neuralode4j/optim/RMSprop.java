package org.neuralode4j.optim;

import java.util.List;
import org.neuralode4j.tensor.Tensor;

/**
 * RMSprop (Hinton, Coursera lecture 6e; centered form from Graves 2013): PyTorch's
 * {@code torch.optim.RMSprop}, same defaults (lr 1e-2, alpha 0.99, eps 1e-8, no weight decay, no
 * momentum, not centered) and update, with ε added after the square root:
 *
 * <pre>
 * g ← ∇θ + λθ
 * v ← αv + (1 − α)g²
 * centered: ḡ ← lerp(ḡ, g, 1 − α),  d ← √(v − ḡ²) + ε;   else d ← √v + ε
 * μ &gt; 0: b ← μb + g/d,  θ ← θ − γb;   else θ ← θ − γg/d
 * </pre>
 *
 * <p>torchdiffeq's spiral demo trains with {@code new RMSprop(params, 1e-3)}.
 */
public final class RMSprop extends AbstractOptimizer {
    private static final int SQUARE_AVG = 0;
    private static final int MOMENTUM = 1;
    private static final int GRAD_AVG = 2;

    private final double alpha;
    private final double eps;
    private final double weightDecay;
    private final double momentum;
    private final boolean centered;

    /** RMSprop with PyTorch's defaults. */
    public RMSprop(List<Tensor> params) {
        this(params, 1e-2);
    }

    /** RMSprop with PyTorch's defaults except the learning rate. */
    public RMSprop(List<Tensor> params, double lr) {
        this(params, lr, 0.99, 1e-8, 0, 0, false);
    }

    /**
     * @param params the parameters (updated in place by {@link #step()})
     * @param lr learning rate γ ≥ 0
     * @param alpha smoothing constant α ≥ 0
     * @param eps added to the denominator, ≥ 0
     * @param weightDecay λ ≥ 0 (L2 penalty)
     * @param momentum μ ≥ 0
     * @param centered normalize by an estimate of the gradient's variance
     */
    public RMSprop(List<Tensor> params, double lr, double alpha, double eps, double weightDecay, double momentum,
                   boolean centered) {
        super("RMSprop", params, lr, "square_avg", "momentum_buffer", "grad_avg");
        require("alpha", alpha, 0, Double.MAX_VALUE, false);
        require("eps", eps, 0, Double.MAX_VALUE, false);
        require("weight_decay", weightDecay, 0, Double.MAX_VALUE, false);
        require("momentum", momentum, 0, Double.MAX_VALUE, false);
        this.alpha = alpha;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.momentum = momentum;
        this.centered = centered;
    }

    @Override
    protected void update(int index, double[] p, double[] grad, long step) {
        double lr = learningRate();
        double[] v = buffer(index, SQUARE_AVG);
        double[] buf = momentum > 0 ? buffer(index, MOMENTUM) : null;
        double[] gAvg = centered ? buffer(index, GRAD_AVG) : null;
        double w = 1 - alpha;
        for (int i = 0; i < p.length; i++) {
            double g = weightDecay != 0 ? grad[i] + weightDecay * p[i] : grad[i];
            v[i] = v[i] * alpha + w * g * g;
            double avg;
            if (gAvg != null) {
                gAvg[i] = lerp(gAvg[i], g, w);
                avg = Math.sqrt(v[i] + -1.0 * gAvg[i] * gAvg[i]);
            } else {
                avg = Math.sqrt(v[i]);
            }
            avg += eps;
            if (buf != null) {
                buf[i] = buf[i] * momentum + g / avg;
                p[i] += -lr * buf[i];
            } else {
                p[i] += -lr * g / avg;
            }
        }
    }
}
