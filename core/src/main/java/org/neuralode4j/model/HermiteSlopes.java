package org.neuralode4j.model;

/**
 * Knot derivatives that turn samples (x_i, y_i) into a piecewise cubic Hermite interpolant: those
 * of the not-a-knot cubic spline and those of the monotone Fritsch–Carlson interpolant. Both
 * interpolants are then evaluated by the same Hermite formula ({@link InputSignal}).
 */
final class HermiteSlopes {
    private HermiteSlopes() {
    }

    /**
     * Derivatives of the not-a-knot cubic spline at the knots: continuity of the second derivative
     * at interior knots, of the third at x_1 and x_{n-2}. The system is tridiagonal (the boundary
     * rows of SciPy's {@code CubicSpline}, which keep it so) and solved by the Thomas algorithm.
     *
     * @param x strictly increasing knots, at least two
     * @param y values at the knots
     * @return n derivatives
     */
    static double[] notAKnot(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1];
        double[] s = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            s[i] = (y[i + 1] - y[i]) / h[i];
        }
        if (n == 2) {
            return new double[] {s[0], s[0]};
        }
        if (n == 3) {
            // The parabola through the three points: its slope at each knot.
            double c = (s[1] - s[0]) / (x[2] - x[0]);
            return new double[] {s[0] - c * h[0], s[0] + c * h[0], s[1] + c * h[1]};
        }
        double[] sub = new double[n];
        double[] diag = new double[n];
        double[] sup = new double[n];
        double[] rhs = new double[n];
        double d0 = x[2] - x[0];
        diag[0] = h[1];
        sup[0] = d0;
        rhs[0] = ((h[0] + 2 * d0) * h[1] * s[0] + h[0] * h[0] * s[1]) / d0;
        for (int i = 1; i < n - 1; i++) {
            sub[i] = h[i];
            diag[i] = 2 * (h[i - 1] + h[i]);
            sup[i] = h[i - 1];
            rhs[i] = 3 * (h[i] * s[i - 1] + h[i - 1] * s[i]);
        }
        double dn = x[n - 1] - x[n - 3];
        sub[n - 1] = dn;
        diag[n - 1] = h[n - 3];
        rhs[n - 1] = (h[n - 2] * h[n - 2] * s[n - 3] + (2 * dn + h[n - 2]) * h[n - 3] * s[n - 2]) / dn;
        return thomas(sub, diag, sup, rhs);
    }

    /** Solves a tridiagonal system (sub[0] and sup[n-1] unused); the arrays are modified. */
    private static double[] thomas(double[] sub, double[] diag, double[] sup, double[] rhs) {
        int n = diag.length;
        for (int i = 1; i < n; i++) {
            double w = sub[i] / diag[i - 1];
            diag[i] -= w * sup[i - 1];
            rhs[i] -= w * rhs[i - 1];
        }
        double[] m = new double[n];
        m[n - 1] = rhs[n - 1] / diag[n - 1];
        for (int i = n - 2; i >= 0; i--) {
            m[i] = (rhs[i] - sup[i] * m[i + 1]) / diag[i];
        }
        return m;
    }

    /**
     * Derivatives of the monotone piecewise cubic Hermite interpolant (Fritsch &amp; Carlson 1980) as
     * SciPy's {@code PchipInterpolator} chooses them: zero at local extrema and flat pieces, a
     * weighted harmonic mean of the neighbouring secants elsewhere, a shape-preserving one-sided
     * three-point formula at the ends.
     */
    static double[] pchip(double[] x, double[] y) {
        int n = x.length;
        double[] h = new double[n - 1];
        double[] s = new double[n - 1];
        for (int i = 0; i < n - 1; i++) {
            h[i] = x[i + 1] - x[i];
            s[i] = (y[i + 1] - y[i]) / h[i];
        }
        double[] m = new double[n];
        if (n == 2) {
            m[0] = s[0];
            m[1] = s[0];
            return m;
        }
        for (int k = 1; k < n - 1; k++) {
            if (s[k - 1] * s[k] <= 0) {
                m[k] = 0;
            } else {
                double w1 = 2 * h[k] + h[k - 1];
                double w2 = h[k] + 2 * h[k - 1];
                m[k] = (w1 + w2) / (w1 / s[k - 1] + w2 / s[k]);
            }
        }
        m[0] = edge(h[0], h[1], s[0], s[1]);
        m[n - 1] = edge(h[n - 2], h[n - 3], s[n - 2], s[n - 3]);
        return m;
    }

    private static double edge(double h0, double h1, double s0, double s1) {
        double d = ((2 * h0 + h1) * s0 - h0 * s1) / (h0 + h1);
        if (Math.signum(d) != Math.signum(s0)) {
            return 0;
        }
        if (Math.signum(s0) != Math.signum(s1) && Math.abs(d) > 3 * Math.abs(s0)) {
            return 3 * s0;
        }
        return d;
    }
}
