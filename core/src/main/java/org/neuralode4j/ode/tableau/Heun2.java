package org.neuralode4j.ode.tableau;

/**
 * Heun's second-order method (the explicit trapezoidal rule), two stages, fixed step.
 *
 * <p>Source: K. Heun, "Neue Methoden zur approximativen Integration der Differentialgleichungen
 * einer unabhängigen Veränderlichen", Z. Math. Phys. 45 (1900) 23–38; tableau as in Hairer,
 * Nørsett, Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993,
 * Section II.1.
 */
public final class Heun2 {

    /** The tableau: c = (0, 1), a21 = 1, b = (1/2, 1/2). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("heun2")
            .order(2)
            .c(0.0, 1.0)
            .a(new double[0],
               new double[] {1.0})
            .b(1.0 / 2, 1.0 / 2)
            .build();

    private Heun2() {
    }
}
