package org.neuralode4j.ode;

/**
 * The proportional–integral step-size controller of Hairer's DOPRI5 and DOP853 (Gustafsson's
 * stabilisation; Hairer &amp; Wanner, Solving ODEs II, IV.2, and the DOPRI5 code):
 *
 * <pre>
 *   accepted:  h_next = h · clamp(safety · err^(-α) · err_prev^β, minFactor, maxFactor),  α = 1/k - 0.75 β
 *   rejected:  h_next = h · max(minFactor, safety · err^(-α))
 * </pre>
 *
 * <p>with Hairer's defaults β = 0.04, safety 0.9, factors bounded to [0.2, 10]. The step after a
 * rejection does not grow (Hairer's {@code IF(REJECT) HNEW=MIN(HNEW,H)}). By default an accepted
 * step also never shrinks the next one (factor at least 1, torchdiffeq's rule, required by the
 * solver issue); {@link #withNeverShrink(boolean) withNeverShrink(false)} gives exactly Hairer's
 * DOPRI5 controller, which lets an accepted step with an error norm close to 1 shrink the next one
 * a little and so avoids many rejections (on Lorenz at 1e-8: 1 rejection instead of 166, 4% fewer
 * evaluations; see the bench module's {@code LorenzVsHipparchus}).
 */
public final class PIController implements StepController {
    private static final PIController HAIRER = new PIController(0.04, 0.9, 0.2, 10.0, true);

    private final double beta;
    private final double safety;
    private final double minFactor;
    private final double maxFactor;
    private final boolean neverShrink;

    /**
     * A PI controller whose accepted steps never shrink the next one.
     *
     * @param beta the integral gain β (0 gives plain I-control with exponent 1/k)
     * @param safety the safety factor, in (0, 1]
     * @param minFactor the smallest step ratio, in (0, 1)
     * @param maxFactor the largest step ratio, greater than 1
     */
    public PIController(double beta, double safety, double minFactor, double maxFactor) {
        this(beta, safety, minFactor, maxFactor, true);
    }

    /**
     * A PI controller.
     *
     * @param beta the integral gain β (0 gives plain I-control with exponent 1/k)
     * @param safety the safety factor, in (0, 1]
     * @param minFactor the smallest step ratio, in (0, 1)
     * @param maxFactor the largest step ratio, greater than 1
     * @param neverShrink whether an accepted step's factor is at least 1
     */
    public PIController(double beta, double safety, double minFactor, double maxFactor, boolean neverShrink) {
        if (!(beta >= 0 && beta < 0.2)) {
            throw new IllegalArgumentException("PIController: beta = " + beta + "; use a value in [0, 0.2), Hairer's is 0.04");
        }
        if (!(safety > 0 && safety <= 1)) {
            throw new IllegalArgumentException("PIController: safety = " + safety + "; use a value in (0, 1], e.g. 0.9");
        }
        if (!(minFactor > 0 && minFactor < 1)) {
            throw new IllegalArgumentException("PIController: minFactor = " + minFactor + "; use a value in (0, 1), e.g. 0.2");
        }
        if (!(maxFactor > 1 && Double.isFinite(maxFactor))) {
            throw new IllegalArgumentException("PIController: maxFactor = " + maxFactor + "; use a finite value > 1, e.g. 10");
        }
        this.beta = beta;
        this.safety = safety;
        this.minFactor = minFactor;
        this.maxFactor = maxFactor;
        this.neverShrink = neverShrink;
    }

    /**
     * Hairer's DOPRI5 coefficients: β = 0.04, safety 0.9, factors in [0.2, 10]; accepted steps never
     * shrink the next one.
     *
     * @return the shared default instance
     */
    public static PIController hairer() {
        return HAIRER;
    }

    /**
     * @param neverShrink whether an accepted step's factor is at least 1
     * @return a copy with that rule
     */
    public PIController withNeverShrink(boolean neverShrink) {
        return new PIController(beta, safety, minFactor, maxFactor, neverShrink);
    }

    /** @return whether an accepted step never shrinks the next one */
    public boolean neverShrink() {
        return neverShrink;
    }

    /** @return the integral gain β */
    public double beta() {
        return beta;
    }

    /** @return the safety factor */
    public double safety() {
        return safety;
    }

    /** @return the smallest step ratio */
    public double minFactor() {
        return minFactor;
    }

    /** @return the largest step ratio */
    public double maxFactor() {
        return maxFactor;
    }

    private double alpha(int k) {
        return 1.0 / k - 0.75 * beta;
    }

    @Override
    public double acceptedFactor(double errorNorm, double previousErrorNorm, int k, boolean previousRejected) {
        double factor;
        if (errorNorm == 0) {
            factor = maxFactor;
        } else {
            factor = safety * Math.pow(errorNorm, -alpha(k)) * Math.pow(previousErrorNorm, beta);
            factor = Math.min(maxFactor, Math.max(minFactor, factor));
        }
        if (neverShrink) {
            factor = Math.max(1.0, factor);
        }
        return previousRejected ? Math.min(1.0, factor) : factor;
    }

    @Override
    public double rejectedFactor(double errorNorm, int k) {
        return Math.min(1.0, Math.max(minFactor, safety * Math.pow(errorNorm, -alpha(k))));
    }

    @Override
    public String toString() {
        return "PIController(beta=" + beta + ", safety=" + safety + ", factors in [" + minFactor + ", " + maxFactor + "]"
                + (neverShrink ? ", accepted steps never shrink)" : ")");
    }
}
