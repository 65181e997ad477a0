package org.neuralode4j.ode;

/**
 * Decides whether a step is accepted and how the step size changes, from the scaled norm of the
 * local error estimate (≤ 1 means within tolerance).
 *
 * <p>Controllers are immutable: the solver keeps the history they need (the error norm of the last
 * accepted step, whether the previous attempt was rejected) and passes it in, so one controller can
 * serve many solves at once. The solver then clamps the step to {@code maxStep} and checks it
 * against {@code minStep}.
 *
 * <p>The error of the estimator behaves like C·h^k; k is {@code min(p, p̂) + 1} for a p(p̂) pair
 * (5 for dopri5 and tsit5, 3 for bosh3, 2 for heun-euler) and 8 for DOP853, whose combined
 * estimator is O(h^8) (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.10).
 */
public interface StepController {

    /**
     * Whether a step is accepted.
     *
     * @param errorNorm the scaled error norm of the step, finite and non-negative
     * @return true to accept; the default accepts {@code errorNorm <= 1}
     */
    default boolean accept(double errorNorm) {
        return errorNorm <= 1.0;
    }

    /**
     * The ratio h_next / h after an accepted step.
     *
     * @param errorNorm the scaled error norm of the accepted step
     * @param previousErrorNorm the norm of the previous accepted step, at least 1e-4 (1e-4 before the
     *     first one, as in Hairer's DOPRI5)
     * @param k the exponent of the error estimator (error ~ h^k)
     * @param previousRejected whether the attempt just before this one was rejected
     * @return a positive factor
     */
    double acceptedFactor(double errorNorm, double previousErrorNorm, int k, boolean previousRejected);

    /**
     * The ratio h_retry / h after a rejected step.
     *
     * @param errorNorm the scaled error norm of the rejected step, greater than 1
     * @param k the exponent of the error estimator
     * @return a factor in (0, 1)
     */
    double rejectedFactor(double errorNorm, int k);
}
