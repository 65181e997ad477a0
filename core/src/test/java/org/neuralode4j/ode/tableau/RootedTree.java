package org.neuralode4j.ode.tableau;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A rooted tree (Butcher tree), the index of one Runge–Kutta order condition, generated from its
 * canonical level sequence. Test code: order conditions are checked with it.
 *
 * <p>A level sequence lists the depth of each node in preorder, the root at depth 1. The trees of
 * order n are produced by the constant-time successor rule of T. Beyer and S. M. Hedetniemi,
 * "Constant time generation of rooted trees", SIAM J. Comput. 9 (1980) 706–712: start from the
 * path (1, 2, …, n); the successor of L is obtained by taking the last position p with L[p] &gt; 2,
 * the last position q &lt; p with L[q] = L[p] - 1, and copying L[i] = L[i - (p - q)] for i ≥ p; stop
 * at the star (1, 2, 2, …, 2).
 */
final class RootedTree {

    private final int[] levels;
    private final int[][] children;

    private RootedTree(int[] levels) {
        this.levels = levels.clone();
        int n = levels.length;
        List<List<Integer>> kids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            kids.add(new ArrayList<>());
            for (int j = i + 1; j < n && levels[j] > levels[i]; j++) {
                if (levels[j] == levels[i] + 1) {
                    kids.get(i).add(j);
                }
            }
        }
        children = new int[n][];
        for (int i = 0; i < n; i++) {
            children[i] = kids.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** All rooted trees with exactly {@code n} nodes, n ≥ 1. */
    static List<RootedTree> ofOrder(int n) {
        List<RootedTree> trees = new ArrayList<>();
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i + 1;
        }
        while (true) {
            trees.add(new RootedTree(l));
            int p = -1;
            for (int i = n - 1; i >= 1; i--) {
                if (l[i] > 2) {
                    p = i;
                    break;
                }
            }
            if (p < 0) {
                return trees;
            }
            int q = p - 1;
            while (l[q] != l[p] - 1) {
                q--;
            }
            for (int i = p; i < n; i++) {
                l[i] = l[i - (p - q)];
            }
        }
    }

    /** All rooted trees with 1 to {@code maxOrder} nodes, by increasing order. */
    static List<RootedTree> upToOrder(int maxOrder) {
        List<RootedTree> trees = new ArrayList<>();
        for (int n = 1; n <= maxOrder; n++) {
            trees.addAll(ofOrder(n));
        }
        return trees;
    }

    /** The number of nodes ρ(t). */
    int order() {
        return levels.length;
    }

    /** The density γ(t) = ρ(t) · Π γ(subtrees of the root). */
    double gamma() {
        return gamma(0);
    }

    private double gamma(int node) {
        double g = subtreeSize(node);
        for (int child : children[node]) {
            g *= gamma(child);
        }
        return g;
    }

    private int subtreeSize(int node) {
        int size = 1;
        for (int child : children[node]) {
            size += subtreeSize(child);
        }
        return size;
    }

    /** The symmetry σ(t): Π over groups of m equal subtrees of the root of m! · σ(subtree)^m. */
    double sigma() {
        return sigma(0);
    }

    private double sigma(int node) {
        Map<String, Integer> counts = new HashMap<>();
        double s = 1.0;
        for (int child : children[node]) {
            int m = counts.merge(canonical(child), 1, Integer::sum);
            s *= m * sigma(child);
        }
        return s;
    }

    /** A string that is equal for isomorphic subtrees: sorted canonical forms of the children. */
    private String canonical(int node) {
        List<String> parts = new ArrayList<>();
        for (int child : children[node]) {
            parts.add(canonical(child));
        }
        Collections.sort(parts);
        return "(" + String.join("", parts) + ")";
    }

    /**
     * The stage vector of the tree: g_i = Π over the root's subtrees u of (Σ_j a_ij g_j(u)), with
     * g = (1, …, 1) for the single node, so that the elementary weight is Φ(t) = Σ_i b_i g_i.
     *
     * @param a the square (s × s) Runge–Kutta matrix
     */
    double[] stageVector(double[][] a) {
        return stageVector(0, a);
    }

    private double[] stageVector(int node, double[][] a) {
        int s = a.length;
        double[] g = new double[s];
        Arrays.fill(g, 1.0);
        for (int child : children[node]) {
            double[] u = stageVector(child, a);
            for (int i = 0; i < s; i++) {
                double sum = 0.0;
                for (int j = 0; j < s; j++) {
                    sum += a[i][j] * u[j];
                }
                g[i] *= sum;
            }
        }
        return g;
    }

    @Override
    public String toString() {
        return canonical(0) + " levels=" + Arrays.toString(levels);
    }
}
