package org.neuralode4j.ode.tableau;

/**
 * Kutta's 3/8 rule, a fourth-order method with four stages, fixed step.
 *
 * <p>Source: W. Kutta, "Beitrag zur näherungsweisen Integration totaler
 * Differentialgleichungen", Z. Math. Phys. 46 (1901) 435–453; tableau as in Hairer, Nørsett,
 * Wanner, <i>Solving Ordinary Differential Equations I</i>, 2nd ed., Springer 1993, Section II.1.
 */
public final class Rk38 {

    /**
     * The tableau: c = (0, 1/3, 2/3, 1), a21 = 1/3, a31 = -1/3, a32 = 1, a41 = 1, a42 = -1,
     * a43 = 1, b = (1/8, 3/8, 3/8, 1/8).
     */
    public static final ButcherTableau TABLEAU = ButcherTableau.builder("rk38")
            .order(4)
            .c(0.0, 1.0 / 3, 2.0 / 3, 1.0)
            .a(new double[0],
               new double[] {1.0 / 3},
               new double[] {-1.0 / 3, 1.0},
               new double[] {1.0, -1.0, 1.0})
            .b(1.0 / 8, 3.0 / 8, 3.0 / 8, 1.0 / 8)
            .build();

    private Rk38() {
    }
}
