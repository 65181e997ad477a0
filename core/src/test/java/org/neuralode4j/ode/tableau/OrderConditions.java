package org.neuralode4j.ode.tableau;

import java.util.ArrayList;
import java.util.List;

/**
 * Residuals of the Runge–Kutta order conditions Φ(t) = 1/γ(t), and of the continuous ones
 * Σ b_i(θ) g_i(t) = θ^ρ(t)/γ(t), for all trees of a given order. Test code.
 *
 * <p>Residuals are scaled so that rounding in the coefficients cannot dominate: the scale of a
 * condition is max(target, Σ |w_i| |g|_i), where |g| is the stage vector computed with |a|, which
 * bounds every term of the sum. A condition that holds in exact arithmetic then has a scaled
 * residual of a few units of roundoff; one that fails has a residual of order 1e-3 or more.
 */
final class OrderConditions {

    private static final List<List<RootedTree>> TREES = new ArrayList<>();

    private OrderConditions() {
    }

    static synchronized List<RootedTree> trees(int order) {
        while (TREES.size() < order) {
            TREES.add(RootedTree.ofOrder(TREES.size() + 1));
        }
        return TREES.get(order - 1);
    }

    /** The tableau's matrix as a full s × s array. */
    static double[][] square(ButcherTableau t) {
        int s = t.stages();
        double[][] full = new double[s][s];
        double[][] ragged = t.a();
        for (int i = 0; i < s; i++) {
            System.arraycopy(ragged[i], 0, full[i], 0, i);
        }
        return full;
    }

    static double[][] abs(double[][] a) {
        double[][] r = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            r[i] = new double[a[i].length];
            for (int j = 0; j < a[i].length; j++) {
                r[i][j] = Math.abs(a[i][j]);
            }
        }
        return r;
    }

    /** The largest scaled residual of Σ w_i g_i(t) = 1/γ(t) over the trees with {@code order} nodes. */
    static double worstResidual(ButcherTableau t, double[] w, int order) {
        return worst(t, w, 1.0, order);
    }

    /** The same for the dense-output weights b_i(θ) and targets θ^ρ/γ. */
    static double worstContinuousResidual(ButcherTableau t, double theta, int order) {
        double[] w = new double[t.stages()];
        t.denseWeights(theta, w);
        return worst(t, w, Math.pow(theta, order), order);
    }

    private static double worst(ButcherTableau t, double[] w, double thetaPower, int order) {
        double[][] a = square(t);
        double[][] absA = abs(a);
        double worst = 0.0;
        for (RootedTree tree : trees(order)) {
            double[] g = tree.stageVector(a);
            double[] absG = tree.stageVector(absA);
            double phi = 0.0;
            double scale = 0.0;
            for (int i = 0; i < w.length; i++) {
                phi += w[i] * g[i];
                scale += Math.abs(w[i]) * absG[i];
            }
            double target = thetaPower / tree.gamma();
            worst = Math.max(worst, Math.abs(phi - target) / Math.max(target, scale));
        }
        return worst;
    }

    /** b̂ = b - e. */
    static double[] embeddedWeights(ButcherTableau t) {
        return minus(t.b(), t.errorWeights());
    }

    static double[] minus(double[] x, double[] y) {
        double[] r = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            r[i] = x[i] - y[i];
        }
        return r;
    }
}
