package org.neuralode4j.ode;

import java.util.Arrays;
import java.util.Locale;
import org.neuralode4j.autodiff.Autodiff;
import org.neuralode4j.ode.stiff.EsdirkTableau;
import org.neuralode4j.tensor.Tensor;

/**
 * The ESDIRK engine: every {@link EsdirkTableau} (Kværnø 3(2) and 5(4), A. Kværnø, BIT 44 (2004)
 * 489–502, or user-made) runs through this class. Stage 1 is explicit (F_1 = f(t, y), the previous
 * step's F_s for a stiffly accurate tableau); each further stage solves
 * <pre>
 *   Z_i = hγ f(t + c_i h, base_i + Z_i),   base_i = y + h Σ_{j&lt;i} a_ij F_j,   F_i = Z_i / (hγ)
 * </pre>
 * by simplified Newton iterations with W = I/(hγ) − J (Hairer &amp; Wanner, Solving ODEs II, IV.8):
 * W ΔZ = f(t_i, base_i + Z) − Z/(hγ). F_i is taken from Z_i rather than from another evaluation of f,
 * which would amplify the Newton error by ‖hγJ‖ in the stiff components. Then
 * y1 = y + h Σ b_i F_i and err = h Σ (b_i − b̂_i) F_i; dense output is the cubic Hermite
 * interpolant of (y, F_1, y1, F_s).
 *
 * <p><b>Newton control</b> (Hairer &amp; Wanner II, IV.8, (8.10)–(8.12)). The first guess assumes
 * F_i = F_{i−1}. With the rate θ_k = ‖ΔZ^k‖/‖ΔZ^{k−1}‖ and η = θ/(1 − θ) (η carried over from the
 * previous stage for the first iteration) the iteration stops when η‖ΔZ‖ ≤ κ in the scaled error
 * norm, and fails when θ ≥ 1, when θ^{kmax−k}/(1 − θ)·‖ΔZ‖ &gt; κ (it would not converge in time) or
 * on a non-finite value. A failure with a Jacobian from an earlier step refreshes J at (t, y) and
 * retries; with a fresh one the attempt fails and the loop halves the step. J is reused across
 * stages and steps while the iterations converge fast (rate ≤
 * {@link StiffOptions#jacobianRefreshRate()}) and refreshed after a rejected step; W is refactored
 * when hγ or J changes.
 *
 * <p><b>On the tape</b> the stages are recorded through the implicit function theorem rather than
 * through the iterations: Y_i = base_i + hγ f(t_i, Y_i*) evaluated once more at the converged Y_i*
 * and passed through {@link RosenbrockGradients#implicitStage}, whose backward pass applies
 * (I − hγ J(t_i, Y_i*))⁻ᵀ with the exact Jacobian. The gradient is that of the exactly solved
 * stage equations (the Newton error, below κ times the tolerance, is not differentiated).
 */
final class EsdirkStepper extends Stepper {
    private static final double UROUND = Math.ulp(1.0);

    private final StiffMethod method;
    private final EsdirkTableau tab;
    private final Linearization lin;
    private final int s;
    private final boolean fsal;
    private final double rtol;
    private final double[] atol;
    private final ErrorNorm norm;
    private final double kappa;
    private final int maxIterations;
    private final double refreshRate;
    private final double[] bMinusBHat;

    private double h;
    private double t1;
    private boolean f0Valid;
    private boolean f1Valid;
    private boolean jacCurrent;
    private boolean jacExists;
    private boolean refreshJac;
    private boolean attemptedSinceAccept;
    private boolean slowConvergence;
    private String failure;
    private boolean singular;
    private double eta = 1.0;
    private long newton;

    private final double[][] stageF;
    private final double[] base;
    private final double[] zv;
    private final double[] dz;
    private final double[] fy;
    private final double[] ytmp;
    private final double[] scale;
    private double[] f1;

    private final Tensor[] stageFT;
    private Tensor f1T;
    private final double[] coef;
    private final Tensor[] inputs;

    EsdirkStepper(StiffMethod method, Linearization lin, FieldEvaluator fe, boolean taped, double direction,
                  SolveOptions options) {
        super(fe, taped, direction);
        this.method = method;
        this.tab = method.esdirkTableau();
        this.lin = lin;
        this.s = tab.stages();
        this.fsal = tab.isFsal();
        this.rtol = options.rtol();
        this.atol = new double[n];
        options.fillAtol(atol);
        this.norm = options.norm();
        this.kappa = options.stiffOptions().newtonKappa();
        this.maxIterations = options.stiffOptions().maxNewtonIterations();
        this.refreshRate = options.stiffOptions().jacobianRefreshRate();
        this.bMinusBHat = tab.errorWeights();
        this.stageF = new double[s][n];
        this.base = new double[n];
        this.zv = new double[n];
        this.dz = new double[n];
        this.fy = new double[n];
        this.ytmp = new double[n];
        this.scale = new double[n];
        this.f1 = new double[n];
        this.stageFT = taped ? new Tensor[s] : null;
        this.coef = new double[s + 2];
        this.inputs = new Tensor[s + 2];
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
    void start(double t, Tensor z, Tensor f0, boolean afterJump) {
        setState(t, z, afterJump);
        this.jacCurrent = false;
        this.attemptedSinceAccept = false;
        this.f1Valid = false;
        if (f0 != null) {
            if (taped) {
                stageFT[0] = f0;
            }
            stageF[0] = adopt(f0, stageF[0]);
        }
        f0Valid = f0 != null;
    }

    @Override
    double[] derivative() {
        ensureF0();
        return stageF[0];
    }

    private void ensureF0() {
        if (f0Valid) {
            return;
        }
        if (taped) {
            stageFT[0] = fe.evaluate(startTime(), yT);
            stageF[0] = stageFT[0].buffer();
        } else {
            fe.evaluate(startTime(), y, stageF[0]);
        }
        f0Valid = true;
    }

    @Override
    void attempt(double h, double t1, boolean endsAtJump, boolean wantError) {
        this.h = h;
        this.t1 = t1;
        this.failure = null;
        this.singular = false;
        this.f1Valid = false;
        ensureF0();
        if (attemptedSinceAccept && !jacCurrent) {
            refreshJac = true; // a rejected step: Hairer's RADAU5 recomputes a stale Jacobian
        }
        attemptedSinceAccept = true;
        for (int i = 0; i < n; i++) {
            double sc = atol[i] + rtol * Math.abs(y[i]);
            scale[i] = sc > 0 ? sc : Double.MIN_NORMAL;
        }
        double hg = h * tab.gamma();
        double tEnd = endsAtJump ? Math.nextAfter(t1, -direction * Double.POSITIVE_INFINITY) : t1;
        while (true) {
            if ((!jacExists || refreshJac) && !jacCurrent) {
                lin.evaluate(startTime(), y, stageF[0]);
                jacCurrent = true;
                jacExists = true;
            }
            refreshJac = false;
            if (!lin.factor(hg)) {
                if (!jacCurrent) {
                    refreshJac = true;
                    continue;
                }
                singular = true;
                failure = "the iteration matrix I/(hγ) - J of " + method.name() + " is singular or not finite"
                        + lin.singularWhere() + "; check the Jacobian and the state for NaN or overflow";
                return;
            }
            String bad = taped ? stagesTaped(hg, tEnd) : stages(hg, tEnd);
            if (bad == null) {
                break;
            }
            if (!jacCurrent) {
                refreshJac = true;
                continue;
            }
            failure = "the simplified Newton iteration of " + method.name() + " " + bad
                    + " even with a fresh Jacobian";
            return;
        }
        if (taped) {
            y1T = combineTensor(yT, h, weightsB());
            y1 = y1T.buffer();
        } else {
            System.arraycopy(y, 0, y1, 0, n);
            for (int i = 0; i < s; i++) {
                LinearCombination.axpy(h * tab.b(i), stageF[i], y1);
            }
        }
        if (wantError) {
            Arrays.fill(err, 0.0);
            for (int i = 0; i < s; i++) {
                if (bMinusBHat[i] != 0) {
                    LinearCombination.axpy(h * bMinusBHat[i], stageF[i], err);
                }
            }
        }
    }

    private double[] weightsB() {
        double[] b = new double[s];
        for (int i = 0; i < s; i++) {
            b[i] = tab.b(i);
        }
        return b;
    }

    private double stageTime(int i, double tEnd) {
        double ci = tab.c(i);
        return Math.abs(ci - 1.0) <= 1e-14 ? tEnd : t + ci * h;
    }

    /** The implicit stages on arrays. @return null, or why the iteration failed */
    private String stages(double hg, double tEnd) {
        slowConvergence = false;
        for (int i = 1; i < s; i++) {
            System.arraycopy(y, 0, base, 0, n);
            for (int j = 0; j < i; j++) {
                double a = tab.a(i, j);
                if (a != 0) {
                    LinearCombination.axpy(h * a, stageF[j], base);
                }
            }
            String bad = newton(i, stageTime(i, tEnd), hg);
            if (bad != null) {
                return bad;
            }
            double inv = 1.0 / hg;
            double[] fi = stageF[i];
            for (int k = 0; k < n; k++) {
                fi[k] = zv[k] * inv;
            }
        }
        return null;
    }

    /** The implicit stages, recorded through the implicit function theorem. */
    private String stagesTaped(double hg, double tEnd) {
        slowConvergence = false;
        for (int i = 1; i < s; i++) {
            double[] w = new double[i];
            for (int j = 0; j < i; j++) {
                w[j] = tab.a(i, j);
            }
            Tensor baseT = combineTensor(yT, h, w);
            System.arraycopy(baseT.buffer(), 0, base, 0, n);
            double ti = stageTime(i, tEnd);
            int stage = i;
            String bad = Autodiff.noGrad(() -> newton(stage, ti, hg));
            if (bad != null) {
                return bad;
            }
            double[] yStar = new double[n];
            for (int k = 0; k < n; k++) {
                yStar[k] = base[k] + zv[k];
            }
            Tensor fStar = fe.evaluate(ti, Tensor.fromArray(yStar, fe.shape()));
            coef[0] = hg;
            inputs[0] = fStar;
            Tensor p = LinearCombination.of(coef, inputs, 1);
            Tensor yi = RosenbrockGradients.implicitStage(baseT, p, yStar, ti, hg, lin, fe);
            coef[0] = 1.0 / hg;
            coef[1] = -1.0 / hg;
            inputs[0] = yi;
            inputs[1] = baseT;
            stageFT[i] = LinearCombination.of(coef, inputs, 2);
            stageF[i] = stageFT[i].buffer();
        }
        return null;
    }

    /** y + h Σ w_j F_j as one recorded node. */
    private Tensor combineTensor(Tensor start, double step, double[] w) {
        coef[0] = 1.0;
        inputs[0] = start;
        int k = 1;
        for (int j = 0; j < w.length; j++) {
            if (w[j] != 0) {
                coef[k] = step * w[j];
                inputs[k++] = stageFT[j];
            }
        }
        return k == 1 ? start : LinearCombination.of(coef, inputs, k);
    }

    /**
     * Simplified Newton for stage i on Z (in {@link #zv}), base in {@link #base}.
     *
     * @return null on convergence, else why it failed
     */
    private String newton(int i, double ti, double hg) {
        double[] guess = stageF[i - 1];
        for (int k = 0; k < n; k++) {
            zv[k] = hg * guess[k];
        }
        double inv = 1.0 / hg;
        double previous = Double.NaN;
        double etaK = Math.pow(Math.max(eta, UROUND), 0.8);
        for (int it = 1; it <= maxIterations; it++) {
            for (int k = 0; k < n; k++) {
                ytmp[k] = base[k] + zv[k];
            }
            fe.evaluate(ti, ytmp, fy);
            newton++;
            for (int k = 0; k < n; k++) {
                dz[k] = fy[k] - zv[k] * inv;
            }
            lin.solve(dz);
            for (int k = 0; k < n; k++) {
                zv[k] += dz[k];
            }
            double dn = norm.norm(dz, scale);
            if (!Double.isFinite(dn)) {
                return "produced a non-finite value at stage " + (i + 1);
            }
            if (it > 1) {
                double theta = dn / previous;
                if (theta >= 1.0) {
                    return String.format(Locale.ROOT, "diverged at stage %d (rate %.3g)", i + 1, theta);
                }
                if (theta > refreshRate) {
                    slowConvergence = true;
                }
                etaK = theta / (1.0 - theta);
                if (etaK * dn > kappa && Math.pow(theta, maxIterations - it) / (1.0 - theta) * dn > kappa) {
                    return String.format(Locale.ROOT, "converged too slowly at stage %d (rate %.3g)", i + 1, theta);
                }
            }
            if (etaK * dn <= kappa || dn == 0.0) {
                eta = etaK;
                return null;
            }
            previous = dn;
        }
        return "did not converge in " + maxIterations + " iterations at stage " + (i + 1);
    }

    @Override
    String failure() {
        return failure;
    }

    @Override
    SolverException failureException(double t, double h, String detail) {
        return singular ? new SingularIterationMatrixException(t, h, failure + "; " + detail)
                : new StepSizeUnderflowException(t, h, failure + "; " + detail);
    }

    /** f at (t1, y1): F_s for an FSAL tableau, else one evaluation. */
    private void ensureF1() {
        if (fsal) {
            f1 = stageF[s - 1];
            f1T = taped ? stageFT[s - 1] : null;
            return;
        }
        if (f1Valid) {
            return;
        }
        if (taped) {
            f1T = fe.evaluate(t1, y1T);
            f1 = f1T.buffer();
        } else {
            fe.evaluate(t1, y1, f1);
        }
        f1Valid = true;
    }

    @Override
    void interpolate(double time, double[] out, int offset) {
        ensureF1();
        double theta = (time - t) / h;
        double sm = theta - 1.0;
        double w = theta * sm;
        double q = 1.0 - 2.0 * theta;
        double[] f0 = stageF[0];
        for (int k = 0; k < n; k++) {
            double dy = y1[k] - y[k];
            out[offset + k] = y[k] + theta * dy + w * (q * dy + sm * h * f0[k] + theta * h * f1[k]);
        }
    }

    @Override
    Tensor interpolateTensor(double time) {
        if (!taped) {
            Tensor out = Tensor.zeros(fe.shape());
            interpolate(time, out.buffer(), 0);
            return out;
        }
        ensureF1();
        double theta = (time - t) / h;
        double sm = theta - 1.0;
        double w = theta * sm;
        double q = 1.0 - 2.0 * theta;
        // y0 (1 - θ - wq) + y1 (θ + wq) + f0 (w sm h) + f1 (w θ h)
        coef[0] = 1.0 - theta - w * q;
        inputs[0] = yT;
        coef[1] = theta + w * q;
        inputs[1] = y1T;
        coef[2] = w * sm * h;
        inputs[2] = stageFT[0];
        coef[3] = w * theta * h;
        inputs[3] = f1T;
        return LinearCombination.of(coef, inputs, 4);
    }

    @Override
    int denseDegree() {
        return 3;
    }

    @Override
    void denseCoefficients(double[] out) {
        ensureF1();
        double[] f0 = stageF[0];
        // y0 + θ h f0 + θ² (3Δ − h(2 f0 + f1)) + θ³ (−2Δ + h(f0 + f1)), Δ = y1 − y0
        for (int k = 0; k < n; k++) {
            double dy = y1[k] - y[k];
            out[k] = y[k];
            out[n + k] = h * f0[k];
            out[2 * n + k] = 3.0 * dy - h * (2.0 * f0[k] + f1[k]);
            out[3 * n + k] = -2.0 * dy + h * (f0[k] + f1[k]);
        }
    }

    @Override
    void accept(boolean endsAtJump) {
        ensureF1IfFsal();
        t = t1;
        boolean reuse = !endsAtJump && (fsal || f1Valid);
        advanceToProposed();
        if (taped) {
            if (reuse) {
                stageFT[0] = f1T;
                stageF[0] = f1;
            }
        } else {
            if (reuse) {
                if (fsal) {
                    double[] tmp = stageF[0];
                    stageF[0] = stageF[s - 1];
                    stageF[s - 1] = tmp;
                } else {
                    System.arraycopy(f1, 0, stageF[0], 0, n);
                }
            }
        }
        f0Valid = reuse;
        f1Valid = false;
        jacCurrent = false;
        attemptedSinceAccept = false;
        if (slowConvergence) {
            refreshJac = true;
        }
        afterJump = endsAtJump;
    }

    private void ensureF1IfFsal() {
        if (fsal) {
            ensureF1();
        }
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

    @Override
    long newtonIterations() {
        return newton;
    }
}
