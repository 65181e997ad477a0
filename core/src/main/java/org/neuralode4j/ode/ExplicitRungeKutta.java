package org.neuralode4j.ode;

import org.neuralode4j.tensor.Tensor;

/**
 * The one explicit Runge–Kutta engine: every explicit tableau (fixed-step or embedded, FSAL or not,
 * with or without its own continuous extension) runs through this class (Hairer, Nørsett &amp;
 * Wanner, Solving ODEs I, II.1–II.6; torchdiffeq's {@code rk_common.py} plays the same role).
 *
 * <p>For a step of size h from (t, y) it computes k_i = f(t + c_i h, y + h Σ_j a_ij k_j), the new
 * solution y1 = y + h Σ b_i k_i, and the error estimate h Σ e_i k_i (plus DOP853's second
 * estimator). An FSAL method's last stage is evaluated at (t + h, y1) and becomes the next step's
 * first stage, so it costs s - 1 evaluations per step after the first; for any other method
 * f(t1, y1) is evaluated once per accepted step (when the next step starts, or earlier when the
 * Hermite interpolant needs it).
 *
 * <p>Dense output ({@link Interpolant}): the tableau's own continuous extension y0 + h Σ b_i(θ) k_i
 * where it has one (dopri5's fourth-order one, Dormand &amp; Prince 1986 / Shampine 1986;
 * Tsitouras' for tsit5; the cubic Hermite for bosh3 and rk4), DOP853's seventh-order one with its
 * three extra stages (evaluated only for steps that are interpolated, {@link Dop853Dense}), else
 * the cubic Hermite interpolant through (y0, f0) and (y1, f1) (Hairer, Nørsett &amp; Wanner, II.6).
 *
 * <p>Two arithmetic paths share the loop structure. Without a tape, states and stages live in arrays
 * owned by the engine and reused for every step. With a tape, every stage state, new solution and
 * interpolated value is one recorded {@link LinearCombination} of tensors, so the autodiff engine
 * backpropagates through the solver; the error estimate is still computed on the raw arrays and is
 * never recorded (step sizes are constants in the backward pass, as in torchdiffeq). The array
 * path can also keep a {@link RungeKuttaRecord} of the evaluations its accepted steps used, from
 * which {@link RungeKuttaAdjoint} backpropagates without a tape.
 */
final class ExplicitRungeKutta extends Stepper {
    private final RkCoefficients rk;
    private final int s;

    private double h;
    private double t1;
    private boolean endsAtJump;
    private boolean k0Valid;
    private boolean f1Valid;

    private final double[] ytmp;
    private final double[][] k;
    private final double[] f1Own;
    private double[] f1;
    private final double[] err2;

    private final Tensor[] kT;
    private Tensor f1T;

    private final double[] coef;
    private final Tensor[] inputs;

    private final Interpolant ip;
    private final double[] weights;
    private final double[][] vRaw;
    private final Tensor[] vTensor;
    private final double[][] extra;
    private final Tensor[] extraT;
    private boolean extraValid;

    /** Receives the accepted steps' evaluations (array path only), or null. */
    private final RungeKuttaRecord record;
    /** The record's evaluation behind each stage of the current attempt (k_0: −1 when taken over). */
    private final int[] stageEvaluations;
    /** The record's evaluation of f1 in the current step, or −1. */
    private int f1Evaluation = -1;

    ExplicitRungeKutta(RkCoefficients rk, FieldEvaluator fe, boolean taped, double direction) {
        this(rk, fe, taped, direction, null);
    }

    /**
     * @param record keeps the evaluations of the accepted steps for {@link RungeKuttaAdjoint}, or
     *     null; only without a tape, and not for continuous extensions with extra stages (DOP853's)
     */
    ExplicitRungeKutta(RkCoefficients rk, FieldEvaluator fe, boolean taped, double direction, RungeKuttaRecord record) {
        super(fe, taped, direction);
        if (record != null && (taped || rk.interpolant.extraC.length > 0)) {
            throw new IllegalArgumentException("a Runge-Kutta record needs the array path and a continuous extension "
                    + "without extra stages; " + rk.name + (taped ? " is taped" : " has extra stages"));
        }
        this.record = record;
        this.stageEvaluations = new int[rk.stages];
        this.stageEvaluations[0] = -1;
        this.rk = rk;
        this.s = rk.stages;
        this.k = new double[s][];
        this.kT = taped ? new Tensor[s] : null;
        if (taped) {
            ytmp = null;
            f1Own = null;
        } else {
            ytmp = new double[n];
            for (int i = 0; i < s; i++) {
                k[i] = new double[n];
            }
            f1Own = rk.fsal ? null : new double[n];
        }
        err2 = rk.e2Index != null ? new double[n] : null;
        ip = rk.interpolant;
        int e = ip.extraC.length;
        int width = Math.max(s + 1, ip.inputs()) + 1;
        coef = new double[width];
        inputs = new Tensor[width];
        weights = new double[ip.inputs()];
        vRaw = new double[ip.inputs()][];
        vTensor = taped ? new Tensor[ip.inputs()] : null;
        extra = new double[e][];
        extraT = taped ? new Tensor[e] : null;
        if (!taped) {
            for (int i = 0; i < e; i++) {
                extra[i] = new double[n];
            }
        }
    }

    @Override
    boolean adaptive() {
        return rk.adaptive;
    }

    @Override
    int errorOrder() {
        return rk.errorOrder;
    }

    @Override
    void start(double t, Tensor z, Tensor f0, boolean afterJump) {
        setState(t, z, afterJump);
        stageEvaluations[0] = -1;
        this.f1Valid = false;
        this.extraValid = false;
        if (f0 != null) {
            if (taped) {
                kT[0] = f0;
            }
            k[0] = adopt(f0, k[0]);
        }
        k0Valid = f0 != null;
    }

    @Override
    double[] derivative() {
        ensureK0();
        return k[0];
    }

    private void ensureK0() {
        if (k0Valid) {
            return;
        }
        double tt = startTime();
        if (taped) {
            kT[0] = fe.evaluate(tt, yT);
            k[0] = kT[0].buffer();
        } else if (record != null) {
            stageEvaluations[0] = record.evaluate(fe, tt, y, k[0]);
            record.commit();
        } else {
            fe.evaluate(tt, y, k[0]);
        }
        k0Valid = true;
    }

    @Override
    void attempt(double h, double t1, boolean endsAtJump, boolean wantError) {
        this.h = h;
        this.t1 = t1;
        this.endsAtJump = endsAtJump;
        this.f1Valid = false;
        this.extraValid = false;
        if (record != null) {
            record.discardPending();
            f1Evaluation = -1;
        }
        ensureK0();
        double[] c = rk.c;
        for (int i = 1; i < s; i++) {
            double ti = c[i] == 1.0 ? (endsAtJump ? beforeEnd() : t1) : t + c[i] * h;
            boolean last = rk.fsal && i == s - 1;
            if (taped) {
                Tensor zi = combine(rk.aIndex[i], rk.aValue[i]);
                if (last) {
                    y1T = zi;
                }
                kT[i] = fe.evaluate(ti, zi);
                k[i] = kT[i].buffer();
            } else {
                double[] zi = last ? y1 : ytmp;
                combine(zi, rk.aIndex[i], rk.aValue[i]);
                if (record != null) {
                    stageEvaluations[i] = record.evaluate(fe, ti, zi, k[i]);
                } else {
                    fe.evaluate(ti, zi, k[i]);
                }
            }
        }
        if (!rk.fsal) {
            if (taped) {
                y1T = combine(rk.bIndex, rk.bValue);
            } else {
                combine(y1, rk.bIndex, rk.bValue);
            }
        }
        if (taped) {
            y1 = y1T.buffer();
        }
        if (wantError && rk.adaptive) {
            weighted(err, rk.eIndex, rk.eValue);
            if (err2 != null) {
                weighted(err2, rk.e2Index, rk.e2Value);
            }
        }
    }

    private double beforeEnd() {
        return Math.nextAfter(t1, -direction * Double.POSITIVE_INFINITY);
    }

    /** out = y + h Σ_j val_j k_{idx_j} on arrays. */
    private void combine(double[] out, int[] idx, double[] val) {
        LinearCombination.sum(out, y, h, k, idx, val, idx.length);
    }

    /** y + h Σ_j val_j k_{idx_j} as one recorded node. */
    private Tensor combine(int[] idx, double[] val) {
        if (idx.length == 0) {
            return yT;
        }
        coef[0] = 1.0;
        inputs[0] = yT;
        for (int j = 0; j < idx.length; j++) {
            coef[j + 1] = h * val[j];
            inputs[j + 1] = kT[idx[j]];
        }
        return LinearCombination.of(coef, inputs, idx.length + 1);
    }

    /** out = h Σ_j val_j k_{idx_j}. */
    private void weighted(double[] out, int[] idx, double[] val) {
        LinearCombination.sum(out, null, h, k, idx, val, idx.length);
    }

    @Override
    double errorNorm(ErrorNorm norm, double[] scale) {
        double e5 = norm.norm(err, scale);
        if (err2 == null) {
            return e5;
        }
        // DOP853 (Hairer's dop853.f): err = E5² / sqrt(E5² + 0.01 E3²)
        double e3 = norm.norm(err2, scale);
        double den = e5 * e5 + 0.01 * e3 * e3;
        return den > 0 ? e5 * e5 / Math.sqrt(den) : (Double.isNaN(den) ? Double.NaN : 0.0);
    }

    private void ensureF1() {
        if (rk.fsal) {
            f1 = k[s - 1];
            f1T = taped ? kT[s - 1] : null;
            return;
        }
        if (f1Valid) {
            return;
        }
        double tt = endsAtJump ? beforeEnd() : t1;
        if (taped) {
            f1T = fe.evaluate(tt, y1T);
            f1 = f1T.buffer();
        } else {
            if (record != null) {
                f1Evaluation = record.evaluate(fe, tt, y1, f1Own);
            } else {
                fe.evaluate(tt, y1, f1Own);
            }
            f1 = f1Own;
        }
        f1Valid = true;
    }

    /**
     * Evaluates DOP853-style extra stages x_i = f(t + c_i h, y + h Σ_j a_ij K_j) over
     * K = (k_0..k_{s-1}, f1, x_0..x_{i-1}); only for interpolated steps.
     */
    private void ensureExtra() {
        if (extraValid || ip.extraC.length == 0) {
            return;
        }
        ensureF1();
        for (int i = 0; i < ip.extraC.length; i++) {
            double[] a = ip.extraA[i];
            double ti = t + ip.extraC[i] * h;
            if (taped) {
                coef[0] = 1.0;
                inputs[0] = yT;
                int m = 1;
                for (int j = 0; j < a.length; j++) {
                    if (a[j] != 0) {
                        coef[m] = h * a[j];
                        inputs[m++] = j < s ? kT[j] : j == s ? f1T : extraT[j - s - 1];
                    }
                }
                extraT[i] = fe.evaluate(ti, LinearCombination.of(coef, inputs, m));
                extra[i] = extraT[i].buffer();
            } else {
                System.arraycopy(y, 0, ytmp, 0, n);
                for (int j = 0; j < a.length; j++) {
                    if (a[j] != 0) {
                        LinearCombination.axpy(h * a[j], j < s ? k[j] : j == s ? f1 : extra[j - s - 1], ytmp);
                    }
                }
                fe.evaluate(ti, ytmp, extra[i]);
            }
        }
        extraValid = true;
    }

    /** Makes every input of the interpolant available and lists them in input order. */
    private void gatherInputs() {
        if (ip.needsF1) {
            ensureF1();
        }
        ensureExtra();
        vRaw[Interpolant.Y0] = y;
        vRaw[Interpolant.Y1] = y1;
        for (int i = 0; i < s; i++) {
            vRaw[ip.k(i)] = k[i];
        }
        vRaw[ip.f1()] = ip.needsF1 ? f1 : null;
        for (int i = 0; i < extra.length; i++) {
            vRaw[ip.extra(i)] = extra[i];
        }
        if (taped) {
            vTensor[Interpolant.Y0] = yT;
            vTensor[Interpolant.Y1] = y1T;
            for (int i = 0; i < s; i++) {
                vTensor[ip.k(i)] = kT[i];
            }
            vTensor[ip.f1()] = ip.needsF1 ? f1T : null;
            for (int i = 0; i < extra.length; i++) {
                vTensor[ip.extra(i)] = extraT[i];
            }
        }
    }

    @Override
    void interpolate(double time, double[] out, int offset) {
        gatherInputs();
        ip.weights((time - t) / h, h, weights);
        Interpolant.combine(weights, vRaw, weights.length, out, offset, n);
    }

    @Override
    Tensor interpolateTensor(double time) {
        if (!taped) {
            Tensor out = Tensor.zeros(fe.shape());
            interpolate(time, out.buffer(), 0);
            return out;
        }
        gatherInputs();
        ip.weights((time - t) / h, h, weights);
        return Interpolant.combine(weights, vTensor, weights.length, coef, inputs);
    }

    @Override
    int denseDegree() {
        return ip.degree;
    }

    @Override
    void denseCoefficients(double[] out) {
        gatherInputs();
        int degree = ip.degree;
        java.util.Arrays.fill(out, 0, (degree + 1) * n, 0.0);
        for (int j = 0; j < ip.poly.length; j++) {
            double[] p = ip.poly[j];
            if (p == null) {
                continue;
            }
            double[] v = vRaw[j];
            double scale = j >= 2 ? h : 1.0;
            for (int m = 0; m < p.length; m++) {
                double c = scale * p[m];
                if (c != 0) {
                    int off = m * n;
                    for (int i = 0; i < n; i++) {
                        out[off + i] += c * v[i];
                    }
                }
            }
        }
    }

    @Override
    void accept(boolean endsAtJump) {
        if (record != null) {
            record.acceptStep(t, h, stageEvaluations, rk.fsal ? stageEvaluations[s - 1] : f1Evaluation);
            stageEvaluations[0] = -1;
        }
        t = t1;
        boolean reuse = !endsAtJump;
        advanceToProposed();
        if (taped) {
            if (reuse && rk.fsal) {
                kT[0] = kT[s - 1];
                k[0] = k[s - 1];
            } else if (reuse && f1Valid) {
                kT[0] = f1T;
                k[0] = f1;
            } else {
                reuse = false;
            }
        } else {
            if (reuse && rk.fsal) {
                double[] swap = k[0];
                k[0] = k[s - 1];
                k[s - 1] = swap;
            } else if (reuse && f1Valid) {
                System.arraycopy(f1Own, 0, k[0], 0, n);
            } else {
                reuse = false;
            }
        }
        k0Valid = reuse;
        f1Valid = false;
        extraValid = false;
        afterJump = endsAtJump;
    }

    @Override
    void evaluateAt(double time, double[] z, double[] out) {
        if (record != null) {
            record.evaluateUnkept(fe, time, z, out);
            return;
        }
        fe.evaluate(time, z, out);
    }
}
