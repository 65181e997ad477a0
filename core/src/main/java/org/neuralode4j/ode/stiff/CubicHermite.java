package org.neuralode4j.ode.stiff;

/**
 * Cubic Hermite interpolation over one step from the end values and derivatives, the dense output
 * used with the ESDIRK methods (see {@link EsdirkTableau}). With &theta; = (t - t0)/h:
 * <pre>
 *   y(&theta;) = (1-&theta;) y0 + &theta; y1 + &theta;(&theta;-1) [ (1-2&theta;)(y1 - y0) + (&theta;-1) h f0 + &theta; h f1 ]
 * </pre>
 * which matches y0, y1, f0 = y'(t0), f1 = y'(t0 + h) and is exact for cubic polynomials; the local
 * interpolation error is O(h<sup>4</sup>) (Hairer, N&oslash;rsett &amp; Wanner, <i>Solving ODEs I</i>,
 * Sect. II.6).
 */
public final class CubicHermite {

    private CubicHermite() {
    }

    /**
     * Evaluates the interpolant at &theta;.
     *
     * @param theta position in the step, normally in [0, 1]
     * @param h     step size
     * @param y0    state at t0; not modified
     * @param f0    derivative at t0; not modified
     * @param y1    state at t0 + h; not modified
     * @param f1    derivative at t0 + h; not modified
     * @param out   <b>modified</b>: the interpolated state; may alias none of the inputs
     */
    public static void interpolate(double theta, double h, double[] y0, double[] f0, double[] y1, double[] f1,
            double[] out) {
        double s = theta - 1.0;
        double w = theta * s;
        double q = 1.0 - 2.0 * theta;
        for (int k = 0; k < out.length; k++) {
            double dy = y1[k] - y0[k];
            out[k] = y0[k] + theta * dy + w * (q * dy + s * h * f0[k] + theta * h * f1[k]);
        }
    }

    /**
     * Evaluates the derivative dy/dt of the interpolant at &theta;.
     *
     * @param theta position in the step
     * @param h     step size
     * @param y0    not modified
     * @param f0    not modified
     * @param y1    not modified
     * @param f1    not modified
     * @param out   <b>modified</b>: the derivative; may alias none of the inputs
     */
    public static void derivative(double theta, double h, double[] y0, double[] f0, double[] y1, double[] f1,
            double[] out) {
        // d/dθ of θ(θ-1)[(1-2θ)Δ + (θ-1)h f0 + θ h f1] plus Δ, divided by h
        double w = theta * (theta - 1.0);
        double dw = 2.0 * theta - 1.0;
        for (int k = 0; k < out.length; k++) {
            double dy = y1[k] - y0[k];
            double bracket = (1.0 - 2.0 * theta) * dy + (theta - 1.0) * h * f0[k] + theta * h * f1[k];
            double dBracket = -2.0 * dy + h * f0[k] + h * f1[k];
            out[k] = (dy + dw * bracket + w * dBracket) / h;
        }
    }
}
