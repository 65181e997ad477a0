package org.neuralode4j.optim;

import java.util.Collection;
import org.neuralode4j.tensor.Tensor;

/**
 * Gradient clipping with PyTorch's semantics ({@code torch.nn.utils.clip_grad_norm_} and
 * {@code clip_grad_value_}). Gradients are modified in place; parameters whose {@code grad()} is
 * {@code null} are skipped.
 */
public final class GradientClipping {
    /** Added to the total norm before dividing, as in PyTorch. */
    public static final double EPS = 1e-6;

    private GradientClipping() {
    }

    /** {@link #clipGradNorm(Collection, double, double)} with the Euclidean norm. */
    public static double clipGradNorm(Collection<Tensor> params, double maxNorm) {
        return clipGradNorm(params, maxNorm, 2.0);
    }

    /**
     * Scales all gradients together so that their joint norm is at most {@code maxNorm}: the total
     * norm N is the p-norm of the per-tensor p-norms (the norm of all elements as one vector), and
     * every gradient is multiplied by min(1, maxNorm / (N + 1e-6)). A non-finite N makes the
     * gradients non-finite too, as in PyTorch with {@code error_if_nonfinite=False}.
     *
     * @param params whose gradients are modified
     * @param maxNorm finite, ≥ 0
     * @param normType p &gt; 0, or {@code Double.POSITIVE_INFINITY} for the largest magnitude
     * @return the total norm N before clipping (0 when no parameter has a gradient)
     */
    public static double clipGradNorm(Collection<Tensor> params, double maxNorm, double normType) {
        if (!(maxNorm >= 0) || Double.isInfinite(maxNorm)) {
            throw new IllegalArgumentException("clipGradNorm: maxNorm " + maxNorm + " must be finite and >= 0");
        }
        if (!(normType > 0)) {
            throw new IllegalArgumentException("clipGradNorm: normType " + normType + " must be > 0 or infinity");
        }
        boolean inf = normType == Double.POSITIVE_INFINITY;
        double acc = 0;
        boolean any = false;
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g == null) {
                continue;
            }
            any = true;
            double n = norm(g.buffer(), normType);
            acc = inf ? (Double.isNaN(n) || Double.isNaN(acc) ? Double.NaN : Math.max(acc, n)) : acc + pow(n, normType);
        }
        if (!any) {
            return 0.0;
        }
        double total = inf ? acc : root(acc, normType);
        double coef = Math.min(maxNorm / (total + EPS), 1.0); // NaN stays NaN, as torch.clamp
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                double[] d = g.buffer();
                for (int i = 0; i < d.length; i++) {
                    d[i] *= coef;
                }
            }
        }
        return total;
    }

    private static double norm(double[] d, double p) {
        if (p == Double.POSITIVE_INFINITY) {
            double m = 0;
            for (double v : d) {
                double a = Math.abs(v);
                if (Double.isNaN(a)) {
                    return Double.NaN;
                }
                m = Math.max(m, a);
            }
            return m;
        }
        double s = 0;
        if (p == 2.0) {
            for (double v : d) {
                s += v * v;
            }
        } else {
            for (double v : d) {
                s += Math.pow(Math.abs(v), p);
            }
        }
        return root(s, p);
    }

    private static double pow(double x, double p) {
        return p == 2.0 ? x * x : Math.pow(x, p);
    }

    private static double root(double s, double p) {
        return p == 2.0 ? Math.sqrt(s) : p == 1.0 ? s : Math.pow(s, 1.0 / p);
    }

    /**
     * Clamps every gradient element to [−clipValue, clipValue] ({@code clip_grad_value_}).
     *
     * @param params whose gradients are modified
     * @param clipValue finite, ≥ 0
     */
    public static void clipGradValue(Collection<Tensor> params, double clipValue) {
        if (!(clipValue >= 0) || Double.isInfinite(clipValue)) {
            throw new IllegalArgumentException("clipGradValue: clipValue " + clipValue + " must be finite and >= 0");
        }
        for (Tensor p : params) {
            Tensor g = p.grad();
            if (g != null) {
                double[] d = g.buffer();
                for (int i = 0; i < d.length; i++) {
                    d[i] = Math.max(-clipValue, Math.min(clipValue, d[i]));
                }
            }
        }
    }
}
