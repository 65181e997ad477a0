package org.neuralode4j.model;

import java.util.Locale;

/**
 * How an {@link InputSignal} fills the time between its samples.
 *
 * <ul>
 *   <li>{@link #HOLD}: zero-order hold, u(t) = u(t_i) for t_i ≤ t &lt; t_{i+1}: the duty cycle of a
 *       converter whose modulator updates once per switching period. u jumps at the samples, so a
 *       solve driven by it should list the sample times as
 *       {@link org.neuralode4j.ode.SolveOptions.Builder#jumpTimes jump times}.</li>
 *   <li>{@link #LINEAR}: piecewise linear; continuous, reproduces linear functions exactly.</li>
 *   <li>{@link #CUBIC}: the not-a-knot cubic spline (de Boor, "A Practical Guide to Splines", 1978,
 *       ch. IV; the default of SciPy's {@code CubicSpline} and MATLAB's {@code spline}); twice
 *       continuously differentiable and exact for cubic polynomials (with two samples it is the
 *       line, with three the parabola through them). It may overshoot near steps.</li>
 *   <li>{@link #PCHIP}: the monotone piecewise cubic Hermite interpolant of Fritsch &amp; Carlson
 *       (1980), "Monotone piecewise cubic interpolation", with the slopes of SciPy's
 *       {@code PchipInterpolator}; once continuously differentiable, never overshoots the data (a
 *       step stays a step with rounded corners), exact for linear functions.</li>
 * </ul>
 *
 * <p>Outside the sampled range every kind holds the first or last sample's value.
 */
public enum Interpolation {
    /** Zero-order hold (the last sample at or before t). */
    HOLD("hold"),
    /** Piecewise linear. */
    LINEAR("linear"),
    /** Not-a-knot cubic spline. */
    CUBIC("cubic"),
    /** Monotone cubic Hermite (Fritsch–Carlson). */
    PCHIP("pchip");

    private final String id;

    Interpolation(String id) {
        this.id = id;
    }

    /** The lower-case name used in model files and on the command line. */
    public String id() {
        return id;
    }

    /**
     * Looks a kind up by name, ignoring case.
     *
     * @throws IllegalArgumentException listing the valid names
     */
    public static Interpolation fromName(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (Interpolation i : values()) {
            if (i.id.equals(key)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown interpolation '" + name + "'; expected one of hold|linear|cubic|pchip");
    }
}
