package org.neuralode4j.ode;

import org.neuralode4j.autodiff.Autodiff;

/**
 * The starting step size of Hairer, Nørsett &amp; Wanner (Solving ODEs I, II.4, "Starting Step
 * Size"), as in DOPRI5's HINIT, with the solve's error norm and scales sc_i = atol_i + rtol·|y0_i|:
 *
 * <pre>
 *   d0 = ‖y0‖, d1 = ‖f(t0, y0)‖, h0 = 0.01 d0/d1 (1e-6 when d0 or d1 &lt; 1e-5)
 *   y1 = y0 + h0 f0, d2 = ‖f(t0 + h0, y1) - f0‖ / h0
 *   h1 = (0.01 / max(d1, d2))^(1/k) (max(1e-6, 1e-3 h0) when max(d1, d2) ≤ 1e-15)
 *   h  = min(100 h0, h1, maxStep)
 * </pre>
 *
 * <p>with k the exponent of the error estimator (5 for dopri5, 8 for DOP853, as in Hairer's codes).
 * h0 is also kept within the span, so that the probe does not evaluate f beyond the end. Costs one
 * evaluation of f, never recorded.
 */
final class InitialStep {
    private InitialStep() {
    }

    /**
     * @param stepper holds y0 and f(t0, y0); its {@link Stepper#evaluateAt} makes the probe
     * @param direction +1 or -1
     * @param span |t_end - t0|
     * @return the magnitude of the first step
     */
    static double select(Stepper stepper, double t0, double direction, double span, double[] atol, double rtol,
                         ErrorNorm norm, double maxStep, int k) {
        double[] y0 = stepper.state();
        double[] f0 = stepper.derivative();
        int n = y0.length;
        double[] scale = new double[n];
        for (int i = 0; i < n; i++) {
            double sc = atol[i] + rtol * Math.abs(y0[i]);
            scale[i] = sc > 0 ? sc : Double.MIN_NORMAL;
        }
        double d0 = norm.norm(y0, scale);
        double d1 = norm.norm(f0, scale);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(h0, Math.min(maxStep, span));
        double[] y1 = new double[n];
        for (int i = 0; i < n; i++) {
            y1[i] = y0[i] + direction * h0 * f0[i];
        }
        double[] f1 = new double[n];
        double tProbe = t0 + direction * h0;
        Autodiff.noGrad(() -> stepper.evaluateAt(tProbe, y1, f1));
        for (int i = 0; i < n; i++) {
            f1[i] -= f0[i];
        }
        double d2 = norm.norm(f1, scale) / h0;
        double dMax = Math.max(d1, d2);
        double h1 = !(dMax > 1e-15) ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dMax, 1.0 / k);
        double h = Math.min(100 * h0, Math.min(h1, maxStep));
        return Double.isFinite(h) && h > 0 ? h : Math.max(1e-6, h0 * 1e-3);
    }
}
