package org.neuralode4j.ode.problems;

import static org.neuralode4j.ode.problems.Parameter.Domain.NON_NEGATIVE;

import org.neuralode4j.ode.ArrayVectorField;

/**
 * The Lotka–Volterra predator–prey model x' = αx − βxy, y' = −γy + δxy (A. J. Lotka, Elements of
 * Physical Biology, 1925; V. Volterra, "Fluctuations in the abundance of a species considered
 * mathematically", Nature 118 (1926) 558–560). Defaults as in REFERENCE.md: x' = 1.5x − xy,
 * y' = −3y + xy from (1, 1) on [0, 10]. The orbits are closed: V = δx − γ ln x + βy − α ln y is
 * constant along them (Hairer, Lubich, Wanner, Geometric Numerical Integration, 2006, §I.1.1).
 */
final class LotkaVolterra {
    static final Problem PROBLEM = Problem.builder("lotka-volterra")
            .description("predator-prey model x' = alpha x - beta x y, y' = -gamma y + delta x y (x prey, y predators)")
            .reference("Lotka, Elements of Physical Biology (1925); Volterra, Nature 118 (1926)")
            .states("x", "y").y0(1, 1).span(0, 10)
            .parameter("alpha", 1.5, "", "prey growth rate", NON_NEGATIVE)
            .parameter("beta", 1, "", "predation rate", NON_NEGATIVE)
            .parameter("gamma", 3, "", "predator death rate", NON_NEGATIVE)
            .parameter("delta", 1, "", "predator growth per prey eaten", NON_NEGATIVE)
            .factory(p -> Dynamics.of(field(p.get("alpha"), p.get("beta"), p.get("gamma"), p.get("delta"))))
            .build();

    private LotkaVolterra() {
    }

    static ArrayVectorField field(double alpha, double beta, double gamma, double delta) {
        return (t, z, dz) -> {
            double x = z[0];
            double y = z[1];
            dz[0] = alpha * x - beta * x * y;
            dz[1] = -gamma * y + delta * x * y;
        };
    }

    /** The first integral V = δx − γ ln x + βy − α ln y (for x, y > 0). */
    static double invariant(double alpha, double beta, double gamma, double delta, double x, double y) {
        return delta * x - gamma * Math.log(x) + beta * y - alpha * Math.log(y);
    }
}
