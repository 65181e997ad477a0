package org.neuralode4j.ode.tableau;

/**
 * The explicit midpoint rule (modified Euler), order 2, two stages, fixed step.
 *
 * <p>Source: C. Runge, "Über die numerische Auflösung von Differentialgleichungen", Math. Ann. 46
 * (1895) 167–178; tableau as in Hairer, Nørsett, Wanner, <i>Solving Ordinary Differential
 * Equations I</i>, 2nd ed., Springer 1993, Section II.1.
 */
public final class Midpoint {

    /** The tableau: c = (0, 1/2), a21 = 1/2, b = (0, 1). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("midpoint")
            .order(2)
            .c(0.0, 1.0 / 2)
            .a(new double[0],
               new double[] {1.0 / 2})
            .b(0.0, 1.0)
            .build();

    private Midpoint() {
    }
}
