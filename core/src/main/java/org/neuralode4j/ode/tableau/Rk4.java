package org.neuralode4j.ode.tableau;

/**
 * The classical fourth-order Runge–Kutta method, four stages, fixed step, with the third-order
 * continuous extension of Hairer, Nørsett and Wanner.
 *
 * <p>Sources: W. Kutta, "Beitrag zur näherungsweisen Integration totaler
 * Differentialgleichungen", Z. Math. Phys. 46 (1901) 435–453 (the method); Hairer, Nørsett,
 * Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, Section II.6
 * (the dense output b1(θ) = θ - 3θ²/2 + 2θ³/3, b2(θ) = b3(θ) = θ² - 2θ³/3,
 * b4(θ) = -θ²/2 + 2θ³/3, of order 3).
 */
public final class Rk4 {

    /** The tableau: c = (0, 1/2, 1/2, 1), a21 = a32 = 1/2, a43 = 1, b = (1/6, 1/3, 1/3, 1/6). */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("rk4")
            .order(4)
            .c(0.0, 1.0 / 2, 1.0 / 2, 1.0)
            .a(new double[0],
               new double[] {1.0 / 2},
               new double[] {0.0, 1.0 / 2},
               new double[] {0.0, 0.0, 1.0})
            .b(1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6)
            .denseOutput(3,
                    new double[] {1.0, -3.0 / 2, 2.0 / 3},
                    new double[] {0.0, 1.0, -2.0 / 3},
                    new double[] {0.0, 1.0, -2.0 / 3},
                    new double[] {0.0, -1.0 / 2, 2.0 / 3})
            .build();

    private Rk4() {
    }
}
