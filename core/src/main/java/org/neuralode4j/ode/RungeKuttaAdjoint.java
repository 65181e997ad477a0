package org.neuralode4j.ode;

import java.util.Arrays;
import org.neuralode4j.tensor.NarrowMlp;

/**
 * The reverse sweep of a recorded explicit Runge–Kutta solve ({@link RungeKuttaRecord}): the
 * discrete adjoint of the accepted steps (W. W. Hager, "Runge–Kutta methods in optimal control and
 * the transformed adjoint system", Numer. Math. 87 (2000) 247–282; A. Sandu, "On the properties of
 * Runge–Kutta discrete adjoints", ICCS 2006, LNCS 3994, 550–557), i.e. exactly what
 * backpropagation through the taped solve computes, written out by hand.
 *
 * <p>A step of size h from (t, y) computes Y_i = y + h Σ_j a_ij k_j and k_i = f(t + c_i h, Y_i),
 * and y1 = y + h Σ_j b_j k_j (for an FSAL method y1 is its last stage state, b = that stage's row
 * of a, and its last stage E = f(t + h, y1) is the next step's k_0; otherwise E is f1, evaluated
 * for the Hermite interpolant or as the next step's k_0). An output inside the step is the
 * continuous extension Σ_j w_j(θ) v_j over v = (y, y1, h·k_i, h·f1) with the same weights
 * ({@link Interpolant#weights}) at the same θ = (s − t)/h as the forward pass; an output at the
 * step's end is y1 itself. Going backwards through the steps with the cotangents ȳ1 of y1 and Ē
 * of E:
 *
 * <pre>
 *   ȳ1 += (outputs at t + h) + Σ_outputs w_Y1 ḡ;  ȳ += Σ w_Y0 ḡ;  k̄_i += Σ w_ki ḡ;  Ē += Σ w_f1 ḡ
 *   ȳ1 += (∂f/∂y at E)ᵀ Ē                      θ̄ += (∂f/∂θ at E)ᵀ Ē
 *   ȳ  += ȳ1;  k̄_j += h b_j ȳ1
 *   for i = last inner stage .. 1:  Ȳ_i = (∂f/∂y at Y_i)ᵀ k̄_i;  θ̄ += (∂f/∂θ at Y_i)ᵀ k̄_i;
 *                                    ȳ += Ȳ_i;  k̄_j += h a_ij Ȳ_i  (j &lt; i)
 *   Ē of the step before = k̄_0;  ȳ1 of the step before = ȳ
 * </pre>
 *
 * <p>and at the end z̄0 = ȳ + (∂f/∂y at y0)ᵀ k̄_0 + ḡ_0. Step sizes, stage times and the θ of the
 * outputs are constants, as in the taped path (they come from raw error norms there). Each VJP
 * reads its evaluation's saved input and intermediates, and the parameters' gradients are summed
 * over the sweep ({@link ArrayVjpField#vjpSum}); a VJP whose cotangent is zero is skipped (its
 * result would be zero). That equals the taped path's 0·(∂f/∂y) only where the recorded stages
 * and intermediates are finite, which holds for the accepted steps recorded here: a non-finite
 * stage makes the later stages, the error estimate or the new state non-finite, and the solver
 * rejects such a step or fails.
 */
final class RungeKuttaAdjoint {
    private final RkCoefficients rk;
    private final RungeKuttaRecord record;
    private final double[] times;
    private final int n;
    private final int s;
    private final Interpolant ip;
    /** The combination that gives y1: the last stage's row of a for FSAL methods, else b. */
    private final int[] solutionIndex;
    private final double[] solutionValue;
    /** The last stage evaluated inside a step (FSAL methods: the one before E). */
    private final int lastInner;

    RungeKuttaAdjoint(RkCoefficients rk, RungeKuttaRecord record, double[] times) {
        this.rk = rk;
        this.record = record;
        this.times = times;
        this.n = record.size();
        this.s = rk.stages;
        this.ip = rk.interpolant;
        this.solutionIndex = rk.fsal ? rk.aIndex[s - 1] : rk.bIndex;
        this.solutionValue = rk.fsal ? rk.aValue[s - 1] : rk.bValue;
        this.lastInner = rk.fsal ? s - 2 : s - 1;
    }

    /**
     * Backpropagates the cotangents of the outputs.
     *
     * @param gOut ∂L/∂z(t_j) for every output time, [T × n] row-major; not modified
     * @param gz0 receives ∂L/∂z0; overwritten
     * @param gp receives ∂L/∂θ in the field's flat parameter layout; overwritten
     */
    void backward(double[] gOut, double[] gz0, double[] gp) {
        // no weights change during the sweep (NarrowMlp.fixWeights): NarrowMlp checks their values once
        try (NarrowMlp.FixedWeights fixedWeights = NarrowMlp.fixWeights()) {
            sweep(gOut, gz0, gp);
        }
    }

    private void sweep(double[] gOut, double[] gz0, double[] gp) {
        ArrayVjpField.VjpSum vjps = record.field().vjpSum();
        double[] gy = new double[n];
        double[] gPrev = new double[n];
        double[] gE = new double[n];
        double[] gz = new double[n];
        double[][] gk = new double[s][n];
        double[] w = new double[ip.inputs()];

        int o = times.length - 1;
        for (int m = record.steps() - 1; m >= 0; m--) {
            double t = record.stepStart(m);
            double h = record.stepSize(m);
            Arrays.fill(gPrev, 0.0);
            for (double[] g : gk) {
                Arrays.fill(g, 0.0);
            }
            for (; o >= 1 && record.outputStep(o) == m; o--) {
                int off = o * n;
                if (record.outputLanded(o)) {
                    addInto(gy, 1.0, gOut, off);
                    continue;
                }
                ip.weights((times[o] - t) / h, h, w);
                addInto(gPrev, w[Interpolant.Y0], gOut, off);
                addInto(gy, w[Interpolant.Y1], gOut, off);
                for (int i = 0; i < s; i++) {
                    addInto(rk.fsal && i == s - 1 ? gE : gk[i], w[ip.k(i)], gOut, off);
                }
                addInto(gE, w[ip.f1()], gOut, off);
            }
            int end = record.endEvaluation(m);
            if (end >= 0 && nonZero(gE)) {
                vjp(vjps, end, gE, gz);
                addInto(gy, 1.0, gz, 0);
            }
            addInto(gPrev, 1.0, gy, 0);
            for (int j = 0; j < solutionIndex.length; j++) {
                addInto(gk[solutionIndex[j]], h * solutionValue[j], gy, 0);
            }
            for (int i = lastInner; i >= 1; i--) {
                if (!nonZero(gk[i])) {
                    continue;
                }
                vjp(vjps, record.stageEvaluation(m, i), gk[i], gz);
                addInto(gPrev, 1.0, gz, 0);
                int[] idx = rk.aIndex[i];
                double[] val = rk.aValue[i];
                for (int j = 0; j < idx.length; j++) {
                    addInto(gk[idx[j]], h * val[j], gz, 0);
                }
            }
            double[] swap = gE;
            gE = gk[0];
            gk[0] = swap;
            swap = gy;
            gy = gPrev;
            gPrev = swap;
        }
        int first = record.steps() > 0 ? record.stageEvaluation(0, 0) : -1;
        if (first >= 0 && nonZero(gE)) {
            vjp(vjps, first, gE, gz);
            addInto(gy, 1.0, gz, 0);
        }
        for (int i = 0; i < n; i++) {
            gz0[i] = gy[i] + gOut[i];
        }
        Arrays.fill(gp, 0.0);
        vjps.addTo(gp, 0);
    }

    /** gz = (∂f/∂y)ᵀ a at evaluation e; (∂f/∂θ)ᵀ a joins the sum. */
    private void vjp(ArrayVjpField.VjpSum vjps, int e, double[] a, double[] gz) {
        double[] data = record.data(e);
        vjps.vjp(record.evaluationTime(e), n, data, record.inputOffset(e), data, record.savedOffset(e), a, 0, gz, 0);
    }

    /** into += c · x[off ..]; nothing when c is 0. */
    private void addInto(double[] into, double c, double[] x, int off) {
        if (c == 0) {
            return;
        }
        for (int i = 0; i < n; i++) {
            into[i] += c * x[off + i];
        }
    }

    private static boolean nonZero(double[] v) {
        for (double x : v) {
            if (x != 0) {
                return true;
            }
        }
        return false;
    }
}
