package org.neuralode4j.ode;

/**
 * The classical (integral) step-size controller: h_next = h · clamp(safety · err^(-1/k), minFactor,
 * maxFactor) (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4, eq. 4.13), with the same rules as
 * {@link PIController}: the step after a rejection does not grow, and by default an accepted step
 * never shrinks the next one. With {@code withNeverShrink(false)} it is essentially the controller of
 * Hipparchus's embedded Runge–Kutta integrators: dopri5 then takes within 1% of the evaluations of
 * Hipparchus's DormandPrince54 on Lorenz.
 */
public final class IController implements StepController {
    private static final IController DEFAULT = new IController(0.9, 0.2, 10.0, true);

    private final double safety;
    private final double minFactor;
    private final double maxFactor;
    private final boolean neverShrink;

    /**
     * An I-controller whose accepted steps never shrink the next one.
     *
     * @param safety the safety factor, in (0, 1]
     * @param minFactor the smallest step ratio, in (0, 1)
     * @param maxFactor the largest step ratio, greater than 1
     */
    public IController(double safety, double minFactor, double maxFactor) {
        this(safety, minFactor, maxFactor, true);
    }

    /**
     * An I-controller.
     *
     * @param safety the safety factor, in (0, 1]
     * @param minFactor the smallest step ratio, in (0, 1)
     * @param maxFactor the largest step ratio, greater than 1
     * @param neverShrink whether an accepted step's factor is at least 1
     */
    public IController(double safety, double minFactor, double maxFactor, boolean neverShrink) {
        PIController check = new PIController(0, safety, minFactor, maxFactor); // same validation
        this.safety = check.safety();
        this.minFactor = check.minFactor();
        this.maxFactor = check.maxFactor();
        this.neverShrink = neverShrink;
    }

    /**
     * @param neverShrink whether an accepted step's factor is at least 1
     * @return a copy with that rule
     */
    public IController withNeverShrink(boolean neverShrink) {
        return new IController(safety, minFactor, maxFactor, neverShrink);
    }

    /**
     * Safety 0.9, factors in [0.2, 10].
     *
     * @return the shared default instance
     */
    public static IController standard() {
        return DEFAULT;
    }

    @Override
    public double acceptedFactor(double errorNorm, double previousErrorNorm, int k, boolean previousRejected) {
        double factor = errorNorm == 0 ? maxFactor
                : Math.min(maxFactor, Math.max(minFactor, safety * Math.pow(errorNorm, -1.0 / k)));
        if (neverShrink) {
            factor = Math.max(1.0, factor);
        }
        return previousRejected ? Math.min(1.0, factor) : factor;
    }

    @Override
    public double rejectedFactor(double errorNorm, int k) {
        return Math.min(1.0, Math.max(minFactor, safety * Math.pow(errorNorm, -1.0 / k)));
    }

    @Override
    public String toString() {
        return "IController(safety=" + safety + ", factors in [" + minFactor + ", " + maxFactor + "]"
                + (neverShrink ? ", accepted steps never shrink)" : ")");
    }
}
