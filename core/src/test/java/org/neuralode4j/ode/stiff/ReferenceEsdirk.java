package org.neuralode4j.ode.stiff;

/**
 * Test-only fixed-step ESDIRK integrator on double[]: each implicit stage
 * Y_i = y0 + h sum_{j&lt;i} a_ij F_j + h&gamma; f(t_i, Y_i) is solved by simplified Newton with the
 * exact Jacobian at (t0, y0) and one {@link DenseLu} factorization of I - h&gamma;J per step, iterated
 * to round-off so that the measured error is the method's truncation error.
 */
final class ReferenceEsdirk {

    private static final int MAX_ITERATIONS = 60;

    private final EsdirkTableau tab;
    private final TestProblem problem;
    private final int n;
    private final DenseLu lu;
    private final double[] m;
    private final double[][] f;
    private final double[] base;
    private final double[] y;
    private final double[] fy;
    private final double[] delta;
    private final double[] bHat;
    private int maxIterationsUsed;

    ReferenceEsdirk(EsdirkTableau tab, TestProblem problem) {
        this.tab = tab;
        this.problem = problem;
        this.n = problem.dim();
        this.lu = new DenseLu(n);
        this.m = new double[n * n];
        this.f = new double[tab.stages()][n];
        this.base = new double[n];
        this.y = new double[n];
        this.fy = new double[n];
        this.delta = new double[n];
        this.bHat = tab.bHat();
    }

    /** @return the largest number of Newton iterations any stage needed so far */
    int maxIterationsUsed() {
        return maxIterationsUsed;
    }

    /**
     * One step; writes y1 (weights b) and y1hat (weights bhat).
     *
     * @param y0    not modified
     * @param y1    <b>modified</b>
     * @param y1hat <b>modified</b>
     */
    void step(double t0, double h, double[] y0, double[] y1, double[] y1hat) {
        double hg = h * tab.gamma();
        problem.jacobian(t0, y0, m);
        for (int i = 0; i < n * n; i++) {
            m[i] = -hg * m[i];
        }
        for (int i = 0; i < n; i++) {
            m[i * n + i] += 1.0;
        }
        if (!lu.factor(m)) {
            throw new SingularMatrixException(-1, 0);
        }
        problem.f(t0, y0, f[0]);
        System.arraycopy(y0, 0, y, 0, n); // first guess for stage 2: y0
        for (int i = 1; i < tab.stages(); i++) {
            double ti = t0 + tab.c(i) * h;
            System.arraycopy(y0, 0, base, 0, n);
            for (int j = 0; j < i; j++) {
                double c = h * tab.a(i, j);
                for (int k = 0; k < n; k++) {
                    base[k] += c * f[j][k];
                }
            }
            // Newton on G(Y) = Y - base - hγ f(ti, Y); the previous stage value is the initial guess.
            int it = 0;
            double previous = Double.POSITIVE_INFINITY;
            while (true) {
                problem.f(ti, y, fy);
                double norm = 0;
                double scale = 1;
                for (int k = 0; k < n; k++) {
                    delta[k] = -(y[k] - base[k] - hg * fy[k]);
                }
                lu.solveInPlace(delta);
                for (int k = 0; k < n; k++) {
                    y[k] += delta[k];
                    norm = Math.max(norm, Math.abs(delta[k]));
                    scale = Math.max(scale, Math.abs(y[k]));
                }
                it++;
                // converged to round-off, or stagnating there
                if (norm <= 4e-16 * scale || (norm <= 1e-13 * scale && norm >= 0.5 * previous)) {
                    break;
                }
                previous = norm;
                if (it >= MAX_ITERATIONS) {
                    throw new IllegalStateException("simplified Newton did not converge at t=" + t0 + ", h=" + h
                            + ", stage " + i + ", last increment " + norm);
                }
            }
            maxIterationsUsed = Math.max(maxIterationsUsed, it);
            problem.f(ti, y, f[i]);
        }
        System.arraycopy(y0, 0, y1, 0, n);
        System.arraycopy(y0, 0, y1hat, 0, n);
        for (int i = 0; i < tab.stages(); i++) {
            double cb = h * tab.b(i);
            double cbh = h * bHat[i];
            for (int k = 0; k < n; k++) {
                y1[k] += cb * f[i][k];
                y1hat[k] += cbh * f[i][k];
            }
        }
    }

    /**
     * Integrates from problem.t0() to t1 in equal steps.
     *
     * @param embedded propagate y1hat instead of y1
     * @return y(t1)
     */
    double[] integrate(double t1, int steps, boolean embedded) {
        double t = problem.t0();
        double h = (t1 - t) / steps;
        double[] yy = problem.exact(t);
        double[] next = new double[n];
        double[] nextHat = new double[n];
        for (int k = 0; k < steps; k++) {
            step(t, h, yy, next, nextHat);
            double[] keep = embedded ? nextHat : next;
            System.arraycopy(keep, 0, yy, 0, n);
            t = problem.t0() + (k + 1) * h;
        }
        return yy;
    }
}
