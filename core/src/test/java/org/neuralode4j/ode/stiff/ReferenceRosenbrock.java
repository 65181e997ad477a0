package org.neuralode4j.ode.stiff;

/**
 * Test-only fixed-step Rosenbrock integrator on double[] with the exact Jacobian and &part;f/&part;t,
 * written straight from the transformed form documented in {@link RosenbrockTableau}: one
 * {@link DenseLu} factorization of W = I/(h&gamma;) - J per step, one solve per stage.
 */
final class ReferenceRosenbrock {

    /** Receives every step: (t0, h, y0, y1, dense vectors z). Arrays are reused; copy to keep. */
    interface StepListener {
        void step(double t0, double h, double[] y0, double[] y1, double[][] z);
    }

    private final RosenbrockTableau tab;
    private final TestProblem problem;
    private final int n;
    private final DenseLu lu;
    private final double[] w;
    private final double[] ft;
    private final double[] arg;
    private final double[] fi;
    private final double[][] u;
    private final double[][] z;
    private final double[] err;

    ReferenceRosenbrock(RosenbrockTableau tab, TestProblem problem) {
        this.tab = tab;
        this.problem = problem;
        this.n = problem.dim();
        this.lu = new DenseLu(n);
        this.w = new double[n * n];
        this.ft = new double[n];
        this.arg = new double[n];
        this.fi = new double[n];
        this.u = new double[tab.stages()][n];
        this.z = new double[tab.denseRows()][n];
        this.err = new double[n];
    }

    /**
     * One step from (t0, y0) of size h.
     *
     * @param y0 not modified
     * @param y1 <b>modified</b>: the advanced solution
     * @return the local error estimate vector (internal array, overwritten by the next step)
     */
    double[] step(double t0, double h, double[] y0, double[] y1) {
        problem.jacobian(t0, y0, w);
        double diag = 1.0 / (h * tab.gamma());
        for (int i = 0; i < n * n; i++) {
            w[i] = -w[i];
        }
        for (int i = 0; i < n; i++) {
            w[i * n + i] += diag;
        }
        if (!lu.factor(w)) {
            throw new SingularMatrixException(-1, 0);
        }
        problem.dfdt(t0, y0, ft);
        for (int i = 0; i < tab.stages(); i++) {
            tab.stageArgument(i, y0, u, arg);
            problem.f(t0 + tab.c(i) * h, arg, fi);
            tab.stageRhs(i, h, fi, ft, u, u[i]);
            lu.solveInPlace(u[i]);
        }
        tab.solution(y0, u, y1);
        tab.errorEstimate(u, err);
        tab.denseVectors(u, z);
        return err;
    }

    /** The dense vectors of the last step (internal arrays). */
    double[][] denseVectors() {
        return z;
    }

    /**
     * Integrates from problem.t0() to t1 in {@code steps} equal steps.
     *
     * @param embedded if true, propagate the embedded solution y1 - err instead of y1
     * @param listener may be null
     * @return y(t1)
     */
    double[] integrate(double t1, int steps, boolean embedded, StepListener listener) {
        double t = problem.t0();
        double h = (t1 - t) / steps;
        double[] y = problem.exact(t);
        double[] next = new double[n];
        for (int k = 0; k < steps; k++) {
            double[] e = step(t, h, y, next);
            if (embedded) {
                for (int i = 0; i < n; i++) {
                    next[i] -= e[i];
                }
            }
            if (listener != null) {
                listener.step(t, h, y, next, z);
            }
            double[] tmp = y;
            y = next;
            next = tmp;
            t = problem.t0() + (k + 1) * h;
        }
        return y;
    }
}
