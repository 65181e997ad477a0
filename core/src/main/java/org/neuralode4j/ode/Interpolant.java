package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * A step's continuous extension as data: y(t0 + θh) = Σ_j p_j(θ) v_j, a fixed linear combination
 * with polynomial weights of the step's vectors
 *
 * <pre>
 *   v = (y0, y1, h·k_0, …, h·k_{s-1}, h·f1, h·x_0, …, h·x_{e-1})
 * </pre>
 *
 * <p>where f1 = f(t0 + h, y1) and x_i are extra stages evaluated only when the step is interpolated
 * (DOP853's three). Three kinds exist: a tableau's own extension (weights on y0 and the k's), the
 * cubic Hermite interpolant through (y0, f0) and (y1, f1), and DOP853's seventh-order extension
 * ({@link Dop853Dense}). Immutable.
 */
final class Interpolant {
    static final int Y0 = 0;
    static final int Y1 = 1;

    /** poly[j][m]: coefficient of θ^m in the weight of input j; null when input j is unused. */
    final double[][] poly;
    final int degree;
    final int order;
    final int stages;
    /** Whether f1 = f(t1, y1) is an input. */
    final boolean needsF1;
    /** Extra stages: nodes and coefficients over (k_0 .. k_{s-1}, f1, x_0 .. x_{i-1}). */
    final double[] extraC;
    final double[][] extraA;

    Interpolant(int stages, double[][] poly, int order, double[] extraC, double[][] extraA) {
        this.stages = stages;
        this.poly = poly;
        this.order = order;
        int d = 0;
        for (double[] p : poly) {
            if (p != null) {
                d = Math.max(d, p.length - 1);
            }
        }
        this.degree = d;
        this.needsF1 = poly[f1()] != null || extraC.length > 0;
        this.extraC = extraC;
        this.extraA = extraA;
    }

    int k(int i) {
        return 2 + i;
    }

    int f1() {
        return 2 + stages;
    }

    int extra(int i) {
        return 3 + stages + i;
    }

    int inputs() {
        return 3 + stages + extraC.length;
    }

    /** A tableau's own extension y0 + h Σ b_i(θ) k_i, from b_i(θ) = Σ_m dense[i][m] θ^(m+1). */
    static Interpolant fromTableau(int stages, double[][] dense, int order) {
        double[][] poly = new double[3 + stages][];
        poly[Y0] = new double[] {1};
        for (int i = 0; i < stages; i++) {
            double[] p = new double[dense[i].length + 1];
            System.arraycopy(dense[i], 0, p, 1, dense[i].length);
            poly[2 + i] = p;
        }
        return new Interpolant(stages, poly, order, new double[0], new double[0][]);
    }

    /**
     * The cubic Hermite interpolant (Hairer, Nørsett &amp; Wanner, II.6, eq. 6.7), third order when
     * the method's order is at least 3.
     */
    static Interpolant hermite(int stages, int methodOrder) {
        double[][] poly = new double[3 + stages][];
        poly[Y0] = new double[] {1, 0, -3, 2};
        poly[Y1] = new double[] {0, 0, 3, -2};
        poly[2] = new double[] {0, 1, -2, 1};
        poly[2 + stages] = new double[] {0, 0, -1, 1};
        return new Interpolant(stages, poly, Math.min(3, methodOrder), new double[0], new double[0][]);
    }

    /** Fills w[j] = p_j(θ) (times h for the derivative-type inputs); 0 for unused inputs. */
    void weights(double theta, double h, double[] w) {
        for (int j = 0; j < poly.length; j++) {
            double[] p = poly[j];
            if (p == null) {
                w[j] = 0;
                continue;
            }
            double v = 0;
            for (int m = p.length - 1; m >= 0; m--) {
                v = v * theta + p[m];
            }
            w[j] = j >= 2 ? h * v : v;
        }
    }

    /** Σ_j w_j v_j on arrays into out[offset ..]. */
    static void combine(double[] w, double[][] v, int count, double[] out, int offset, int n) {
        boolean first = true;
        for (int j = 0; j < count; j++) {
            double wj = w[j];
            if (wj == 0) {
                continue;
            }
            double[] vj = v[j];
            if (first) {
                for (int i = 0; i < n; i++) {
                    out[offset + i] = wj * vj[i];
                }
                first = false;
            } else {
                for (int i = 0; i < n; i++) {
                    out[offset + i] += wj * vj[i];
                }
            }
        }
        if (first) {
            java.util.Arrays.fill(out, offset, offset + n, 0.0);
        }
    }

    /** Σ_j w_j v_j on tensors as one recorded node. */
    static Tensor combine(double[] w, Tensor[] v, int count, double[] coefScratch, Tensor[] inputScratch) {
        int m = 0;
        for (int j = 0; j < count; j++) {
            if (w[j] != 0) {
                coefScratch[m] = w[j];
                inputScratch[m++] = v[j];
            }
        }
        if (m == 0) {
            coefScratch[0] = 0;
            inputScratch[0] = v[0];
            m = 1;
        }
        return LinearCombination.of(coefScratch, inputScratch, m);
    }
}
