package org.neuralode4j.ode.tableau;

/**
 * A plain fixed-step explicit Runge–Kutta integrator on double[] states, only for measuring
 * convergence orders of tableaus in tests.
 */
final class FixedStepRk {

    /** y' = f(t, y). */
    interface Ode {
        /** Writes f(t, y) into out; y is not modified. */
        void derivative(double t, double[] y, double[] out);
    }

    private FixedStepRk() {
    }

    /** The s stage derivatives k_i of one step of size h from (t0, y0). */
    static double[][] stages(ButcherTableau t, Ode f, double t0, double[] y0, double h) {
        int s = t.stages();
        int n = y0.length;
        double[][] k = new double[s][n];
        double[] y = new double[n];
        for (int i = 0; i < s; i++) {
            for (int m = 0; m < n; m++) {
                double sum = 0.0;
                for (int j = 0; j < i; j++) {
                    sum += t.a(i, j) * k[j][m];
                }
                y[m] = y0[m] + h * sum;
            }
            f.derivative(t0 + t.c(i) * h, y, k[i]);
        }
        return k;
    }

    /** y0 + h Σ w_i k_i. */
    static double[] combine(double[] y0, double h, double[][] k, double[] w) {
        double[] y = y0.clone();
        for (int i = 0; i < w.length; i++) {
            for (int m = 0; m < y.length; m++) {
                y[m] += h * w[i] * k[i][m];
            }
        }
        return y;
    }
}
