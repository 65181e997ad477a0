package org.neuralode4j.ode;

/**
 * The classical (integral) step-size controller: h_next = h · clamp(safety · err^(-1/k), minFactor,
 * maxFactor) (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.4, eq. 4.13), with the same rules as
 * {@link PIController}: an accepted step never shrinks the next one and the step after a rejection
 * does not grow.
 */
public final class IController implements StepController {
    private static final IController DEFAULT = new IController(0.9, 0.2, 10.0);

    private final double safety;
    private final double minFactor;
    private final double maxFactor;

    /**
     * An I-controller.
     *
     * @param safety the safety factor, in (0, 1]
     * @param minFactor the smallest step ratio, in (0, 1)
     * @param maxFactor the largest step ratio, greater than 1
     */
    public IController(double safety, double minFactor, double maxFactor) {
        PIController check = new PIController(0, safety, minFactor, maxFactor); // same validation
        this.safety = check.safety();
        this.minFactor = check.minFactor();
        this.maxFactor = check.maxFactor();
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
        factor = Math.max(1.0, factor);
        return previousRejected ? Math.min(1.0, factor) : factor;
    }

    @Override
    public double rejectedFactor(double errorNorm, int k) {
        return Math.min(1.0, Math.max(minFactor, safety * Math.pow(errorNorm, -1.0 / k)));
    }

    @Override
    public String toString() {
        return "IController(safety=" + safety + ", factors in [" + minFactor + ", " + maxFactor + "])";
    }
}
