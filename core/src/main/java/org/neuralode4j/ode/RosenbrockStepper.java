package org.neuralode4j.ode;

import java.util.Arrays;
import org.neuralode4j.ode.stiff.RosenbrockTableau;
import org.neuralode4j.tensor.Tensor;

/**
 * The Rosenbrock engine: every {@link RosenbrockTableau} (Rodas5P, Rodas4, Rosenbrock23, user-made)
 * runs through this class, in the transformed form of Hairer &amp; Wanner, Solving ODEs II, IV.7
 * (7.23)–(7.25). For a step of size h from (t, y) with J = ∂f/∂z(t, y), f_t = ∂f/∂t(t, y) and
 * W = I/(hγ) − J (one LU per step size, see {@link Linearization}):
 * <pre>
 *   W u_i = f(t + c_i h, y + Σ_{j&lt;i} a_ij u_j) + Σ_{j&lt;i} (C_ij/h) u_j + h d_i f_t,   i = 1..s
 *   y1 = y + Σ m_i u_i,   err = Σ e_i u_i,
 * </pre>
 * with the stiff-aware dense output of the Rodas family y(θ) = (1−θ)y + θ(y1 + (1−θ)Σ θ^{r−1} z_r),
 * z_r = Σ H_ri u_i (Steinebach 2023 for Rodas5P; Shampine &amp; Reichelt 1997 for Rosenbrock23).
 *
 * <p>The order of a Rosenbrock method rests on the exact Jacobian at (t, y): J (and f_t) are
 * evaluated once per accepted step and reused by the steps retried after a rejection, whose only
 * extra cost is a new LU. The first stage's f(t, y) is the accepted step's f(t1, y1) for an FSAL
 * tableau (Rosenbrock23), else one evaluation (shared with a reverse-mode Jacobian).
 *
 * <p><b>On the tape</b> (direct backpropagation) every stage is recorded: the stage argument, the
 * right-hand side and the solution are {@link LinearCombination}s, f is recorded by its own
 * operations, f_t is the recorded forward difference of two evaluations of f (constant when a
 * {@link JacobianProvider} supplies it), and each solve u_i = W⁻¹ rhs_i is one node
 * ({@link RosenbrockGradients#solve}) whose backward pass solves with Wᵀ and hands J̄ = r̄ u_iᵀ to
 * a node for J ({@link RosenbrockGradients#jacobian}), whose backward pass takes the second
 * derivatives of f by autodiff. The gradient is therefore that of the computed solution, including
 * J's dependence on the state and on {@link VectorField#parameters()}; only leaves that f reads
 * without listing them miss J's contribution (they get the gradient of the method with J frozen).
 */
final class RosenbrockStepper extends Stepper {
    private final StiffMethod method;
    private final RosenbrockTableau tab;
    private final Linearization lin;
    private final int s;
    private final int rows;
    private final boolean fsal;

    private double h;
    private double t1;
    private boolean f0Valid;
    private boolean jacValid;
    private boolean denseValid;
    private String failure;

    private double[] f0;
    private final double[] ft;
    private final double[][] u;
    private final double[] arg;
    private final double[] fi;
    private final double[] fLast;
    private final double[][] z;

    // taped path
    private Tensor f0T;
    private Tensor ftT;
    private Tensor jT;
    private Tensor fLastT;
    private final Tensor[] uT;
    private final Tensor[] zT;
    private final double[] coef;
    private final Tensor[] inputs;
    private RosenbrockGradients.StepMatrix stepMatrix;

    RosenbrockStepper(StiffMethod method, Linearization lin, FieldEvaluator fe, boolean taped, double direction) {
        super(fe, taped, direction);
        this.method = method;
        this.tab = method.rosenbrockTableau();
        this.lin = lin;
        this.s = tab.stages();
        this.rows = tab.denseRows();
        this.fsal = tab.isFsal();
        this.f0 = new double[n];
        this.ft = new double[n];
        this.u = new double[s][n];
        this.arg = new double[n];
        this.fi = new double[n];
        this.fLast = new double[n];
        this.z = new double[rows][n];
        this.uT = taped ? new Tensor[s] : null;
        this.zT = taped ? new Tensor[rows] : null;
        int width = Math.max(s, rows) + 3;
        this.coef = new double[width];
        this.inputs = new Tensor[width];
    }

    @Override
    boolean adaptive() {
        return true;
    }

    @Override
    int errorOrder() {
        return method.errorOrder();
    }

    @Override
    void start(double t, Tensor zState, Tensor f0Known, boolean afterJump) {
        setState(t, zState, afterJump);
        this.jacValid = false;
        this.denseValid = false;
        if (f0Known != null) {
            if (taped) {
                f0T = f0Known;
            }
            f0 = adopt(f0Known, f0);
        }
        f0Valid = f0Known != null;
    }

    @Override
    double[] derivative() {
        ensureF0();
        return f0;
    }

    private void ensureF0() {
        if (f0Valid) {
            return;
        }
        if (taped) {
            f0T = fe.evaluate(startTime(), yT);
            f0 = f0T.buffer();
        } else {
            fe.evaluate(startTime(), y, f0);
        }
        f0Valid = true;
    }

    /** J and f_t at (t, y), once per accepted step. */
    private void ensureJacobian() {
        if (jacValid) {
            return;
        }
        double ts = startTime();
        lin.evaluate(ts, y, f0);
        if (lin.autonomous()) {
            ftT = null;
        } else if (taped && !lin.providedTimeDerivative()) {
            double dt = lin.timeIncrement(ts);
            Tensor fPlus = fe.evaluate(ts + dt, yT);
            coef[0] = 1.0 / dt;
            coef[1] = -1.0 / dt;
            inputs[0] = fPlus;
            inputs[1] = f0T;
            ftT = LinearCombination.of(coef, inputs, 2);
            System.arraycopy(ftT.buffer(), 0, ft, 0, n);
        } else {
            lin.timeDerivative(ts, y, f0, ft);
            ftT = taped ? Tensor.fromArray(ft, fe.shape()) : null;
        }
        if (taped) {
            jT = RosenbrockGradients.jacobian(lin, fe, ts, yT);
        }
        jacValid = true;
    }

    @Override
    void attempt(double h, double t1, boolean endsAtJump, boolean wantError) {
        this.h = h;
        this.t1 = t1;
        this.denseValid = false;
        this.failure = null;
        ensureF0();
        ensureJacobian();
        double hg = h * tab.gamma();
        if (!lin.factor(hg)) {
            failure = "the iteration matrix I/(hγ) - J of " + method.name() + " is singular or not finite"
                    + lin.singularWhere() + "; check the Jacobian and the state for NaN or overflow";
            return;
        }
        if (taped) {
            stepMatrix = new RosenbrockGradients.StepMatrix(lin);
        }
        double[] ftOrNull = lin.autonomous() ? null : ft;
        double tEnd = endsAtJump ? Math.nextAfter(t1, -direction * Double.POSITIVE_INFINITY) : t1;
        for (int i = 0; i < s; i++) {
            double ci = tab.c(i);
            double ti = ci == 1.0 ? tEnd : i == 0 ? startTime() : t + ci * h;
            boolean first = i == 0 && ci == 0.0;
            if (taped) {
                Tensor argT = stageArgumentTensor(i);
                Tensor fiT = first ? f0T : fe.evaluate(ti, argT);
                if (fsal && i == s - 1) {
                    fLastT = fiT;
                }
                uT[i] = RosenbrockGradients.solve(stepMatrix, rhsTensor(i, fiT), jT, lin);
                u[i] = uT[i].buffer();
            } else {
                double[] fv;
                if (first) {
                    fv = f0;
                } else {
                    tab.stageArgument(i, y, u, arg);
                    fe.evaluate(ti, arg, fi);
                    fv = fi;
                }
                if (fsal && i == s - 1) {
                    System.arraycopy(fv, 0, fLast, 0, n);
                }
                tab.stageRhs(i, h, fv, ftOrNull, u, u[i]);
                lin.solve(u[i]);
            }
        }
        if (taped) {
            coef[0] = 1.0;
            inputs[0] = yT;
            int k = 1;
            for (int i = 0; i < s; i++) {
                if (tab.m(i) != 0) {
                    coef[k] = tab.m(i);
                    inputs[k++] = uT[i];
                }
            }
            y1T = LinearCombination.of(coef, inputs, k);
            y1 = y1T.buffer();
        } else {
            tab.solution(y, u, y1);
        }
        if (wantError) {
            tab.errorEstimate(u, err);
        }
    }

    /** y + Σ_{j&lt;i} a_ij u_j, recorded. */
    private Tensor stageArgumentTensor(int i) {
        coef[0] = 1.0;
        inputs[0] = yT;
        int k = 1;
        for (int j = 0; j < i; j++) {
            if (tab.a(i, j) != 0) {
                coef[k] = tab.a(i, j);
                inputs[k++] = uT[j];
            }
        }
        return k == 1 ? yT : LinearCombination.of(coef, inputs, k);
    }

    /** f_i + Σ_{j&lt;i} (C_ij/h) u_j + h d_i f_t, recorded. */
    private Tensor rhsTensor(int i, Tensor fiT) {
        coef[0] = 1.0;
        inputs[0] = fiT;
        int k = 1;
        for (int j = 0; j < i; j++) {
            if (tab.cMatrix(i, j) != 0) {
                coef[k] = tab.cMatrix(i, j) / h;
                inputs[k++] = uT[j];
            }
        }
        if (ftT != null && tab.d(i) != 0) {
            coef[k] = h * tab.d(i);
            inputs[k++] = ftT;
        }
        return k == 1 ? fiT : LinearCombination.of(coef, inputs, k);
    }

    @Override
    String failure() {
        return failure;
    }

    @Override
    SolverException failureException(double t, double h, String detail) {
        return new SingularIterationMatrixException(t, h, failure + "; " + detail);
    }

    private void ensureDense() {
        if (denseValid) {
            return;
        }
        if (taped) {
            for (int r = 0; r < rows; r++) {
                int k = 0;
                for (int i = 0; i < s; i++) {
                    if (tab.denseMatrix(r, i) != 0) {
                        coef[k] = tab.denseMatrix(r, i);
                        inputs[k++] = uT[i];
                    }
                }
                zT[r] = k == 0 ? Tensor.zeros(fe.shape()) : LinearCombination.of(coef, inputs, k);
                z[r] = zT[r].buffer();
            }
        } else {
            tab.denseVectors(u, z);
        }
        denseValid = true;
    }

    @Override
    void interpolate(double time, double[] out, int offset) {
        ensureDense();
        double theta = (time - t) / h;
        double s1 = 1.0 - theta;
        for (int k = 0; k < n; k++) {
            double p = 0.0;
            for (int r = rows - 1; r >= 0; r--) {
                p = p * theta + z[r][k];
            }
            out[offset + k] = s1 * y[k] + theta * (y1[k] + s1 * p);
        }
    }

    @Override
    Tensor interpolateTensor(double time) {
        if (!taped) {
            Tensor out = Tensor.zeros(fe.shape());
            interpolate(time, out.buffer(), 0);
            return out;
        }
        ensureDense();
        double theta = (time - t) / h;
        double s1 = 1.0 - theta;
        coef[0] = s1;
        inputs[0] = yT;
        coef[1] = theta;
        inputs[1] = y1T;
        double w = theta * s1;
        for (int r = 0; r < rows; r++) {
            coef[2 + r] = w;
            inputs[2 + r] = zT[r];
            w *= theta;
        }
        return LinearCombination.of(coef, inputs, 2 + rows);
    }

    @Override
    int denseDegree() {
        return rows + 1;
    }

    @Override
    void denseCoefficients(double[] out) {
        ensureDense();
        // (1-θ)y + θ y1 + Σ_r (θ^r - θ^{r+1}) z_r
        Arrays.fill(out, 0, (rows + 2) * n, 0.0);
        for (int k = 0; k < n; k++) {
            out[k] = y[k];
            out[n + k] = y1[k] - y[k];
        }
        for (int r = 0; r < rows; r++) {
            double[] zr = z[r];
            int up = (r + 1) * n;
            int next = (r + 2) * n;
            for (int k = 0; k < n; k++) {
                out[up + k] += zr[k];
                out[next + k] -= zr[k];
            }
        }
    }

    @Override
    void accept(boolean endsAtJump) {
        t = t1;
        advanceToProposed();
        if (taped) {
            if (fsal && !endsAtJump) {
                f0T = fLastT;
                f0 = f0T.buffer();
            }
        } else {
            if (fsal && !endsAtJump) {
                System.arraycopy(fLast, 0, f0, 0, n);
            }
        }
        f0Valid = fsal && !endsAtJump;
        jacValid = false;
        denseValid = false;
        afterJump = endsAtJump;
    }

    @Override
    long jacobianEvaluations() {
        return lin.jacobians();
    }

    @Override
    long luDecompositions() {
        return lin.lus();
    }

    @Override
    void release() {
        lin.release();
    }
}
