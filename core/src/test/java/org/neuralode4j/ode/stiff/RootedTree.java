package org.neuralode4j.ode.stiff;

import java.util.ArrayList;
import java.util.List;

/**
 * Unlabelled rooted trees for Runge&ndash;Kutta order conditions (Butcher; Hairer, N&oslash;rsett &amp;
 * Wanner, <i>Solving ODEs I</i>, Sect. II.2). A tree is its root plus a multiset of subtrees; each
 * tree of a given order is generated once by listing the subtrees in non-increasing enumeration
 * index. Also computes elementary weights for RK and Rosenbrock methods.
 */
final class RootedTree {

    final List<RootedTree> children;
    final int order;
    /** The density &gamma;(t) = |t| &prod; &gamma;(children); the order condition is b&middot;&Phi;(t) = 1/&gamma;(t). */
    final double density;
    /** Enumeration index among all trees generated (orders ascending). */
    final int index;

    private RootedTree(List<RootedTree> children, int index) {
        this.children = List.copyOf(children);
        this.index = index;
        int o = 1;
        double g = 1;
        for (RootedTree c : children) {
            o += c.order;
            g *= c.density;
        }
        this.order = o;
        this.density = o * g;
    }

    /** @return all rooted trees of order 1..maxOrder, ascending by order */
    static List<RootedTree> upToOrder(int maxOrder) {
        List<RootedTree> all = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            List<List<RootedTree>> forests = new ArrayList<>();
            forests(all, n - 1, all.size() - 1, new ArrayList<>(), forests);
            for (List<RootedTree> forest : forests) {
                all.add(new RootedTree(forest, all.size()));
            }
        }
        return all;
    }

    /** Multisets of trees (indices non-increasing, at most maxIndex) whose orders sum to remaining. */
    private static void forests(List<RootedTree> all, int remaining, int maxIndex, List<RootedTree> current,
            List<List<RootedTree>> out) {
        if (remaining == 0) {
            out.add(new ArrayList<>(current));
            return;
        }
        for (int i = maxIndex; i >= 0; i--) {
            RootedTree t = all.get(i);
            if (t.order <= remaining) {
                current.add(t);
                forests(all, remaining - t.order, i, current, out);
                current.remove(current.size() - 1);
            }
        }
    }

    /**
     * Runge&ndash;Kutta elementary weight per stage: &Phi;_i(t) = &prod;_{children u} (A &Phi;(u))_i.
     *
     * @param a full s&times;s coefficient matrix (implicit methods included)
     */
    double[] rkWeight(double[][] a) {
        int s = a.length;
        double[] phi = new double[s];
        java.util.Arrays.fill(phi, 1.0);
        for (RootedTree child : children) {
            double[] sub = child.rkWeight(a);
            for (int i = 0; i < s; i++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    sum += a[i][j] * sub[j];
                }
                phi[i] *= sum;
            }
        }
        return phi;
    }

    /**
     * Rosenbrock elementary weight per stage, for the standard form of Hairer &amp; Wanner (IV.7.4):
     * a vertex with exactly one child takes the weight (&beta; &Phi;(child))_i with
     * &beta; = &alpha; + &Gamma; <em>including</em> the diagonal &gamma;, since both
     * f'(y0 + &sum;&alpha;k) and the J&Gamma;k term contribute to first-derivative vertices; a vertex with
     * m &ge; 2 children only sees f<sup>(m)</sup> through the stage argument, weight
     * &prod; (&alpha; &Phi;(child))_i. The order condition is then b&middot;&Phi;(t) = 1/&gamma;(t);
     * moving the diagonal terms to the right gives the polynomials in &gamma; of HW Table IV.7.1.
     *
     * @param alpha strictly lower &alpha;
     * @param gam   lower triangular &Gamma; including the diagonal
     */
    double[] rosenbrockWeight(double[][] alpha, double[][] gam) {
        int s = alpha.length;
        double[] phi = new double[s];
        java.util.Arrays.fill(phi, 1.0);
        if (children.size() == 1) {
            double[] sub = children.get(0).rosenbrockWeight(alpha, gam);
            for (int i = 0; i < s; i++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    sum += (alpha[i][j] + gam[i][j]) * sub[j];
                }
                phi[i] = sum;
            }
            return phi;
        }
        for (RootedTree child : children) {
            double[] sub = child.rosenbrockWeight(alpha, gam);
            for (int i = 0; i < s; i++) {
                double sum = 0;
                for (int j = 0; j < s; j++) {
                    sum += alpha[i][j] * sub[j];
                }
                phi[i] *= sum;
            }
        }
        return phi;
    }

    /** @return b&middot;&Phi;(t) - 1/&gamma;(t) */
    static double residual(double[] b, double[] phi, double density) {
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            s += b[i] * phi[i];
        }
        return s - 1.0 / density;
    }

    @Override
    public String toString() {
        if (children.isEmpty()) {
            return "τ";
        }
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < children.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(children.get(i));
        }
        return sb.append(']').toString();
    }
}
