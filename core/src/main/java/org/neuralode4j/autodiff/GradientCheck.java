package org.neuralode4j.autodiff;

import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.neuralode4j.tensor.Tensor;

/**
 * Compares reverse-mode gradients with central finite differences.
 *
 * <p>The function's output is projected onto a fixed random direction w (seeded), L = Σ w ∘ f(x),
 * so a single backward pass checks the full vector–Jacobian product; every input element is then
 * perturbed by ±h and ±2h with h = ε·max(1, |x|), and the fourth-order central difference
 * (8(L(x+h) − L(x−h)) − (L(x+2h) − L(x−2h))) / (12h) is compared with the analytic gradient. The
 * relative error of an entry is |analytic − numeric| / max(|analytic|, |numeric|, floor), with a
 * floor that keeps near-zero entries from dividing by roundoff.
 */
public final class GradientCheck {
    /** Default relative step. */
    public static final double DEFAULT_EPS = 1e-4;
    /** Default denominator floor of the relative error. */
    public static final double DEFAULT_FLOOR = 1e-3;

    private GradientCheck() {
    }

    /**
     * The outcome of a check.
     *
     * @param maxRelativeError largest relative error over all checked entries
     * @param worst description of the entry with that error (input, index, analytic, numeric)
     * @param checked number of entries compared
     */
    public record Result(double maxRelativeError, String worst, int checked) {
        /** True when every entry agrees to {@code tolerance}. */
        public boolean passed(double tolerance) {
            return maxRelativeError <= tolerance;
        }
    }

    /** Checks with the default step, floor and seed 42. */
    public static Result check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        return check(f, inputs, DEFAULT_EPS, DEFAULT_FLOOR, 42L);
    }

    /**
     * Checks the gradient of {@code f} at {@code inputs} (not modified).
     *
     * @param eps relative finite-difference step
     * @param floor denominator floor of the relative error
     * @param seed seed of the random projection
     */
    public static Result check(Function<Tensor[], Tensor> f, Tensor[] inputs, double eps, double floor, long seed) {
        Tensor[] leaves = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            leaves[i] = Tensor.fromArray(inputs[i].toArray(), inputs[i].shape()).requiresGrad(true);
        }
        Tensor out = Autodiff.enableGrad(() -> f.apply(leaves));
        Tensor w = Tensor.randn(new SplittableRandom(seed), out.shape());
        Tensor[] analytic = out.requiresGrad()
                ? Autodiff.grad(out.mul(w).sum(), leaves)
                : zerosLike(leaves);
        double worstErr = 0;
        String worst = "none";
        int checked = 0;
        for (int i = 0; i < inputs.length; i++) {
            double[] base = inputs[i].toArray();
            double[] a = analytic[i].toArray();
            for (int j = 0; j < base.length; j++) {
                double h = eps * Math.max(1.0, Math.abs(base[j]));
                double plus = projected(f, inputs, i, j, base[j] + h, w);
                double minus = projected(f, inputs, i, j, base[j] - h, w);
                double plus2 = projected(f, inputs, i, j, base[j] + 2 * h, w);
                double minus2 = projected(f, inputs, i, j, base[j] - 2 * h, w);
                double numeric = (8 * (plus - minus) - (plus2 - minus2)) / (12 * h);
                double err = Math.abs(a[j] - numeric) / Math.max(floor, Math.max(Math.abs(a[j]), Math.abs(numeric)));
                if (Double.isNaN(err)) {
                    err = Double.POSITIVE_INFINITY;
                }
                checked++;
                if (err > worstErr || checked == 1) {
                    worstErr = err;
                    worst = String.format(Locale.ROOT, "input %d element %d: analytic %.12g, numeric %.12g",
                            i, j, a[j], numeric);
                }
            }
        }
        return new Result(worstErr, worst, checked);
    }

    private static Tensor[] zerosLike(Tensor[] ts) {
        Tensor[] z = new Tensor[ts.length];
        for (int i = 0; i < ts.length; i++) {
            z[i] = Tensor.zerosLike(ts[i]);
        }
        return z;
    }

    private static double projected(Function<Tensor[], Tensor> f, Tensor[] inputs, int which, int index, double value,
                                    Tensor w) {
        Tensor[] xs = new Tensor[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            double[] d = inputs[k].toArray();
            if (k == which) {
                d[index] = value;
            }
            xs[k] = Tensor.fromArray(d, inputs[k].shape());
        }
        Tensor out = Autodiff.noGrad(() -> f.apply(xs));
        double[] o = out.toArray();
        double[] wd = w.buffer();
        double s = 0;
        for (int k = 0; k < o.length; k++) {
            s += o[k] * wd[k];
        }
        return s;
    }
}
