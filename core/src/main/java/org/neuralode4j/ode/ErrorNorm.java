package org.neuralode4j.ode;

/**
 * The norm that turns a step's local error estimate into the scalar the step-size controller reads:
 * a step is accepted when {@code norm(error, scale) <= 1}, where scale_i = atol_i + rtol·max(|y0_i|,
 * |y1_i|) (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4, eq. 4.10–4.11). The same norm is used by
 * the initial step selection.
 *
 * <p>Implementations must not modify the arrays and must not allocate per call in hot paths. The
 * adjoint method's seminorm (which ignores the parameter-gradient components) is an instance, e.g.
 * {@link #rmsOfRange(int, int)}.
 */
@FunctionalInterface
public interface ErrorNorm {

    /** Root mean square of error_i / scale_i: the default, as in Hairer's codes and torchdiffeq. */
    ErrorNorm RMS = (error, scale) -> {
        double sum = 0;
        for (int i = 0; i < error.length; i++) {
            double r = error[i] / scale[i];
            sum += r * r;
        }
        return Math.sqrt(sum / error.length);
    };

    /** Largest |error_i / scale_i|. */
    ErrorNorm MAX = (error, scale) -> {
        double max = 0;
        for (int i = 0; i < error.length; i++) {
            double r = Math.abs(error[i] / scale[i]);
            if (!(r <= max)) {
                max = r; // also propagates NaN
            }
        }
        return max;
    };

    /**
     * The scaled norm.
     *
     * @param error the quantity to measure (an error estimate, a state, a derivative); not modified
     * @param scale positive per-component scales of the same length; not modified
     * @return a non-negative number, NaN or infinite when the error is not finite
     */
    double norm(double[] error, double[] scale);

    /**
     * The RMS norm over the components {@code from ≤ i < to} only (a seminorm): the other components
     * never cause a rejection. Kidger, Chen &amp; Lyons (2021), "Hey, that's not an ODE".
     *
     * @param from first component measured, inclusive
     * @param to last component measured, exclusive
     * @return the seminorm
     */
    static ErrorNorm rmsOfRange(int from, int to) {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("rmsOfRange: need 0 <= from < to, got from = " + from + ", to = " + to);
        }
        return (error, scale) -> {
            if (to > error.length) {
                throw new IllegalArgumentException("rmsOfRange(" + from + ", " + to + ") applied to a state of "
                        + error.length + " components; choose to <= " + error.length);
            }
            double sum = 0;
            for (int i = from; i < to; i++) {
                double r = error[i] / scale[i];
                sum += r * r;
            }
            return Math.sqrt(sum / (to - from));
        };
    }
}
