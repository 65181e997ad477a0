package org.neuralode4j.ode.tableau;

/**
 * Heun's third-order method, three stages, fixed step.
 *
 * <p>Source: K. Heun, "Neue Methoden zur approximativen Integration der Differentialgleichungen
 * einer unabhängigen Veränderlichen", Z. Math. Phys. 45 (1900) 23–38; tableau as in Hairer,
 * Nørsett, Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993,
 * Section II.1.
 */
public final class Heun3 {

    /** The tableau: c = (0, 1/3, 2/3), a21 = 1/3, a32 = 2/3, b = (1/4, 0, 3/4). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("heun3")
            .order(3)
            .c(0.0, 1.0 / 3, 2.0 / 3)
            .a(new double[0],
               new double[] {1.0 / 3},
               new double[] {0.0, 2.0 / 3})
            .b(1.0 / 4, 0.0, 3.0 / 4)
            .build();

    private Heun3() {
    }
}
