package org.neuralode4j.ode.stiff;

/**
 * A test ODE y' = f(t, y) with exact Jacobian, exact &part;f/&part;t and exact solution. All
 * outputs are written into caller-supplied arrays.
 */
interface TestProblem {

    String name();

    int dim();

    double t0();

    /** @param out <b>modified</b>: y(t) */
    void exact(double t, double[] out);

    /** @param out <b>modified</b>: f(t, y) */
    void f(double t, double[] y, double[] out);

    /** @param out <b>modified</b>: &part;f/&part;y, row-major n&times;n */
    void jacobian(double t, double[] y, double[] out);

    /** @param out <b>modified</b>: &part;f/&part;t */
    void dfdt(double t, double[] y, double[] out);

    default double[] exact(double t) {
        double[] y = new double[dim()];
        exact(t, y);
        return y;
    }

    /**
     * Smooth, nonstiff, non-autonomous and nonlinear: y = R z with R a rotation by 0.7 rad and
     * z1' = z1 cos t (z1 = exp(sin t), DETEST A3), z2' = -z2&sup3;/2 (z2 = 1/&radic;(t+1), DETEST A2).
     * The rotation couples the components, so J is full.
     */
    static TestProblem smooth() {
        return new TestProblem() {
            private final double cs = Math.cos(0.7);
            private final double sn = Math.sin(0.7);

            @Override
            public String name() {
                return "smooth (rotated A3 + A2)";
            }

            @Override
            public int dim() {
                return 2;
            }

            @Override
            public double t0() {
                return 0.0;
            }

            @Override
            public void exact(double t, double[] out) {
                rotate(Math.exp(Math.sin(t)), 1.0 / Math.sqrt(t + 1.0), out);
            }

            @Override
            public void f(double t, double[] y, double[] out) {
                double z1 = cs * y[0] + sn * y[1];
                double z2 = -sn * y[0] + cs * y[1];
                rotate(z1 * Math.cos(t), -0.5 * z2 * z2 * z2, out);
            }

            @Override
            public void jacobian(double t, double[] y, double[] out) {
                double z2 = -sn * y[0] + cs * y[1];
                double g1 = Math.cos(t);
                double g2 = -1.5 * z2 * z2;
                // R diag(g1, g2) R^T with R = [[cs, -sn], [sn, cs]]
                out[0] = cs * cs * g1 + sn * sn * g2;
                out[1] = cs * sn * (g1 - g2);
                out[2] = out[1];
                out[3] = sn * sn * g1 + cs * cs * g2;
            }

            @Override
            public void dfdt(double t, double[] y, double[] out) {
                double z1 = cs * y[0] + sn * y[1];
                rotate(-z1 * Math.sin(t), 0.0, out);
            }

            private void rotate(double z1, double z2, double[] out) {
                out[0] = cs * z1 - sn * z2;
                out[1] = sn * z1 + cs * z2;
            }
        };
    }

    /**
     * Mildly stiff linear y' = A y with A = V diag(-1, -10, -50) V<sup>-1</sup>, V = [[1,1,0],[1,2,1],[0,1,2]]
     * (det V = 1, so V<sup>-1</sup> is the integer adjugate and A is an exact integer matrix);
     * y(t) = V diag(e^{&lambda;t}) V<sup>-1</sup> y0 with y0 = (1, 0, -1).
     */
    static TestProblem stiffLinear() {
        double[][] v = {{1, 1, 0}, {1, 2, 1}, {0, 1, 2}};
        double[][] vInv = {{3, -2, 1}, {-2, 2, -1}, {1, -1, 1}};
        double[] lambda = {-1, -10, -50};
        double[] y0 = {1, 0, -1};
        double[] a = new double[9];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    a[i * 3 + j] += v[i][k] * lambda[k] * vInv[k][j];
                }
            }
        }
        double[] w = new double[3]; // V^-1 y0
        for (int k = 0; k < 3; k++) {
            for (int j = 0; j < 3; j++) {
                w[k] += vInv[k][j] * y0[j];
            }
        }
        return new TestProblem() {
            @Override
            public String name() {
                return "stiff linear (eigenvalues -1, -10, -50)";
            }

            @Override
            public int dim() {
                return 3;
            }

            @Override
            public double t0() {
                return 0.0;
            }

            @Override
            public void exact(double t, double[] out) {
                for (int i = 0; i < 3; i++) {
                    double s = 0;
                    for (int k = 0; k < 3; k++) {
                        s += v[i][k] * Math.exp(lambda[k] * t) * w[k];
                    }
                    out[i] = s;
                }
            }

            @Override
            public void f(double t, double[] y, double[] out) {
                for (int i = 0; i < 3; i++) {
                    out[i] = a[i * 3] * y[0] + a[i * 3 + 1] * y[1] + a[i * 3 + 2] * y[2];
                }
            }

            @Override
            public void jacobian(double t, double[] y, double[] out) {
                System.arraycopy(a, 0, out, 0, 9);
            }

            @Override
            public void dfdt(double t, double[] y, double[] out) {
                java.util.Arrays.fill(out, 0.0);
            }
        };
    }
}
